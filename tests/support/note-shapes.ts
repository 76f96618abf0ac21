/** The note shapes the note tests check against: one text (FHIR), and SOAP sections (OpenEMR). */
export const TEXT_SHAPE: { kind: 'text' } = { kind: 'text' };

export const SOAP_SHAPE: { kind: 'sections'; sections: { id: string; label: string }[] } = {
  kind: 'sections',
  sections: [
    { id: 'subjective', label: 'Subjective' },
    { id: 'objective', label: 'Objective' },
    { id: 'assessment', label: 'Assessment' },
    { id: 'plan', label: 'Plan' },
  ],
};
