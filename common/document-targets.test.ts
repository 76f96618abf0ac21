import { describe, expect, it } from 'vitest';
import { findTargetChoice, targetChoices } from './document-targets.js';

const tree = [
  { id: '1', label: 'Clinical', selectable: false, children: [{ id: '11', label: 'Lab results' }, { id: '12', label: 'Other' }] },
  { id: '2', label: 'Administrative', children: [{ id: '21', label: 'Other' }] },
  { id: '3', label: 'Imaging' },
];

describe('targetChoices', () => {
  it('lists every selectable node depth first, labelled with its path', () => {
    expect(targetChoices(tree)).toEqual([
      { id: '11', label: 'Clinical › Lab results' },
      { id: '12', label: 'Clinical › Other' },
      { id: '2', label: 'Administrative' },
      { id: '21', label: 'Administrative › Other' },
      { id: '3', label: 'Imaging' },
    ]);
  });

  it('finds a target anywhere in the tree, and not a node that only groups others', () => {
    expect(findTargetChoice(tree, '21')).toEqual({ id: '21', label: 'Administrative › Other' });
    expect(findTargetChoice(tree, '1')).toBeUndefined();
    expect(findTargetChoice(tree, 'nope')).toBeUndefined();
  });
});
