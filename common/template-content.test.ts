import { describe, expect, it } from 'vitest';
import { SOAP_SHAPE as SOAP, TEXT_SHAPE as TEXT } from '../tests/support/note-shapes.js';
import { templateContent } from './template-content.js';

const template = {
  text: 'Phone call with ___.',
  sections: [
    { id: 'subjective', label: 'Subjective', text: 'Called about ___.' },
    { id: 'objective', label: 'Objective', text: '' },
    { id: 'plan', label: 'Plan', text: 'Call back if worse.' },
  ],
};

describe('what a template puts in the composer', () => {
  it('uses the template text for a one-text EMR', () => {
    expect(templateContent(template, TEXT)).toEqual({ kind: 'text', text: 'Phone call with ___.' });
  });

  it('joins the filled sections under their labels when the template has no text', () => {
    expect(templateContent({ ...template, text: ' ' }, TEXT)).toEqual({ kind: 'text', text: 'Subjective: Called about ___.\n\nPlan: Call back if worse.' });
  });

  it('fills each of the EMR’s sections by id, empty where the template has none', () => {
    expect(templateContent(template, SOAP)).toEqual({
      kind: 'sections',
      sections: [
        { id: 'subjective', text: 'Called about ___.' },
        { id: 'objective', text: '' },
        { id: 'assessment', text: '' },
        { id: 'plan', text: 'Call back if worse.' },
      ],
    });
  });

  it('puts the text in the first section when none of the template’s sections is the EMR’s', () => {
    const content = templateContent({ text: 'Renewal of ___.', sections: [] }, SOAP);
    expect(content.kind === 'sections' && content.sections.map((s) => s.text)).toEqual(['Renewal of ___.', '', '', '']);
  });
});

