interface BuiltInTemplate {
  /** Stable across versions: the user's "hidden" list refers to it. */
  id: string;
  name: string;
  title: string;
  text: string;
  sections: { id: string; label: string; text: string }[];
}

function soap(subjective: string, objective: string, assessment: string, plan: string): BuiltInTemplate['sections'] {
  return [
    { id: 'subjective', label: 'Subjective', text: subjective },
    { id: 'objective', label: 'Objective', text: objective },
    { id: 'assessment', label: 'Assessment', text: assessment },
    { id: 'plan', label: 'Plan', text: plan },
  ];
}

/**
 * The templates every clinic starts with: short, and "___" marks each blank to fill, so a note
 * sent with a blank left in it is easy to spot in the chart. Wording is plain clinical English;
 * the SOAP versions carry the same facts for EMRs that take sectioned notes.
 */
export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = [
  {
    id: 'built-in:phone-call',
    name: 'Phone call',
    title: 'Phone call',
    text: [
      'Phone call with ___ (patient / caregiver / pharmacy).',
      'Reason for call: ___',
      'Discussed: ___',
      'Advice given: ___',
      'Understands and agrees with the plan. To call back or book an appointment if symptoms worsen or do not improve by ___.',
    ].join('\n'),
    sections: soap(
      'Phone call with ___ (patient / caregiver / pharmacy). Reason for call: ___',
      'Telephone encounter, not examined.',
      '___',
      'Advice given: ___\nTo call back or book an appointment if symptoms worsen or do not improve by ___.',
    ),
  },
  {
    id: 'built-in:prescription-renewal',
    name: 'Prescription renewal',
    title: 'Prescription renewal',
    text: [
      'Renewal requested for: ___ (drug, dose, frequency).',
      'Taking as prescribed: yes / no. Side effects reported: ___',
      'Last review: ___. Relevant results: ___',
      'Renewed for ___ months with ___ repeats. / Not renewed because ___; patient informed.',
      'Next review or bloodwork due: ___',
    ].join('\n'),
    sections: soap(
      'Requests renewal of ___ (drug, dose, frequency). Taking as prescribed: yes / no. Side effects: ___',
      'Last review ___. Relevant results: ___',
      '___, stable on current treatment.',
      'Renewed for ___ months with ___ repeats. Next review or bloodwork due ___.',
    ),
  },
  {
    id: 'built-in:follow-up',
    name: 'Follow-up',
    title: 'Follow-up',
    text: [
      'Follow-up for ___, last seen ___.',
      'Since last visit: ___',
      'Vitals: BP ___ HR ___ T ___',
      'Status: improved / unchanged / worse.',
      'Plan: ___',
      'Next follow-up: ___',
    ].join('\n'),
    sections: soap(
      'Follow-up for ___, last seen ___. Since then: ___',
      'BP ___ HR ___ T ___. Exam: ___',
      '___: improved / unchanged / worse.',
      '___\nNext follow-up: ___',
    ),
  },
  {
    id: 'built-in:no-show',
    name: 'No-show',
    title: 'Did not attend',
    text: [
      'Did not attend the appointment booked for ___ at ___.',
      'Contact attempted: ___ (phone / message / letter), result: ___',
      'Next step: rebook / clinician to review / no action needed.',
    ].join('\n'),
    sections: soap(
      'Did not attend the appointment booked for ___ at ___.',
      'Not seen.',
      'Missed appointment.',
      'Contact attempted: ___ (phone / message / letter), result: ___\nNext step: rebook / clinician to review / no action needed.',
    ),
  },
];
