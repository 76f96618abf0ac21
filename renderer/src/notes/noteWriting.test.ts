import { describe, expect, it } from 'vitest';
import { SOAP_SHAPE as SOAP, TEXT_SHAPE as TEXT } from '../../../tests/support/note-shapes';
import { emptyContent, fitContent, hasWords, templateBodyFrom, withSectionText } from './noteWriting';

const template = {
  text: 'Phone call with ___.',
  sections: [
    { id: 'subjective', label: 'Subjective', text: 'Called about ___.' },
    { id: 'objective', label: 'Objective', text: '' },
    { id: 'plan', label: 'Plan', text: 'Call back if worse.' },
  ],
};

describe('a draft written for another note shape', () => {
  it('keeps every section’s words when the EMR now takes one text', () => {
    const draft = { kind: 'sections' as const, sections: [{ id: 'subjective', text: 'Cough 3 days' }, { id: 'objective', text: ' ' }, { id: 'plan', text: 'Fluids' }] };
    expect(fitContent(draft, TEXT)).toEqual({ kind: 'text', text: 'Cough 3 days\n\nFluids' });
  });

  it('puts a one-text draft, and sections the EMR does not have, into the first section', () => {
    expect(fitContent({ kind: 'text', text: 'Seen today' }, SOAP)).toEqual(withSectionText(emptyContent(SOAP), 'subjective', 'Seen today'));
    const strays = { kind: 'sections' as const, sections: [{ id: 'subjective', text: 'Cough' }, { id: 'history', text: 'Asthma' }, { id: 'plan', text: 'Rest' }] };
    const fitted = fitContent(strays, SOAP);
    expect(fitted.kind === 'sections' && fitted.sections).toEqual([
      { id: 'subjective', text: 'Cough\n\nAsthma' },
      { id: 'objective', text: '' },
      { id: 'assessment', text: '' },
      { id: 'plan', text: 'Rest' },
    ]);
  });

  it('leaves a draft of the right shape as it is', () => {
    const content = { kind: 'text' as const, text: '  spaced  ' };
    expect(fitContent(content, TEXT)).toBe(content);
  });
});

describe('words worth keeping', () => {
  it('counts a title or any section, but not spaces or a note type alone', () => {
    expect(hasWords({ title: ' ', content: { kind: 'text', text: '\n' } })).toBe(false);
    expect(hasWords({ title: 'Call', content: emptyContent(TEXT) })).toBe(true);
    expect(hasWords({ title: '', content: withSectionText(emptyContent(SOAP), 'plan', 'Rest') })).toBe(true);
    expect(hasWords({ title: '', content: emptyContent(SOAP) })).toBe(false);
  });
});

describe('the note saved as a template', () => {
  it('keeps what the edited template holds for the other shape', () => {
    const body = templateBodyFrom(' Mine ', { title: 'T', content: { kind: 'text', text: 'New words' } }, TEXT, template);
    expect(body).toEqual({ name: 'Mine', title: 'T', text: 'New words', sections: template.sections });
    const soap = templateBodyFrom('Mine', { title: 'T', content: withSectionText(emptyContent(SOAP), 'plan', 'Rest') }, SOAP, template);
    expect(soap.text).toBe(template.text);
    expect(soap.sections.map((s) => [s.id, s.label, s.text])).toEqual([
      ['subjective', 'Subjective', ''],
      ['objective', 'Objective', ''],
      ['assessment', 'Assessment', ''],
      ['plan', 'Plan', 'Rest'],
    ]);
  });
});
