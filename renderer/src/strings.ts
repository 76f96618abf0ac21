import type { ErrorKind, OutboxState } from './api/types';

/**
 * Every word the user sees, in one place (DESIGN.md "What the user sees"). A language is one object
 * of this shape; French is added by writing `fr: Strings` and listing it in `catalogs`.
 */

interface ErrorWording {
  /** What happened, in the user's terms. */
  summary: string;
  /** What to do about it. */
  action: string;
}

const en = {
  app: {
    name: 'ChartDrop',
    clinic: 'Clinic',
    demoStrip: 'Demo mode — synthetic patients, nothing here is real',
    sessionNotice:
      'This computer cannot store your sign-in securely, so your session ends when ChartDrop quits. You will need to sign in again next time.',
    dismiss: 'Dismiss',
    signedInAs: (user: string) => `Signed in as ${user}`,
    signedIn: 'Signed in',
    signOut: 'Sign out',
    signOutQuestion: (clinic: string) => `Sign out of ${clinic}?`,
    /** `revokes`: whether the clinic's server ends the sign-in too; undefined while not yet known. */
    signOutReach: (revokes: boolean | undefined) =>
      revokes === false
        ? 'ChartDrop forgets this sign-in on this computer, but the clinic’s server keeps this sign-in until it expires. Queued uploads wait until you sign in again.'
        : revokes
          ? 'ChartDrop forgets this sign-in and asks the clinic’s server to end it too. Queued uploads wait until you sign in again.'
          : 'ChartDrop forgets this sign-in on this computer. Queued uploads wait until you sign in again.',
    signOutConfirm: 'Sign out',
    staySignedIn: 'Stay signed in',
    loading: 'Starting…',
    startFailed: 'ChartDrop could not start.',
    tryAgain: 'Try again',
  },
  auth: {
    heading: 'Sign in to your EMR',
    intro: (clinic: string) => `Sign in with your ${clinic} account to file documents in patient charts.`,
    signIn: 'Sign in',
    waiting: 'Finish signing in in your browser…',
    cancel: 'Cancel',
    expired: 'Your session ended — sign in again; queued items are kept and will be sent afterwards.',
    failed: 'Sign-in did not finish.',
  },
  patient: {
    bannerLabel: 'Active patient',
    born: (date: string, age: number | undefined) => (age === undefined ? `Born ${date}` : `Born ${date} (${age} y)`),
    noBirthDate: 'Date of birth not recorded',
    identifier: (label: string, value: string) => `${label} ${value}`,
    bornOn: (date: string) => `born ${date}`,
    changePatient: 'Change patient',
    sex: { female: 'Female', male: 'Male', other: 'Other', unknown: 'Sex unknown' } as Record<string, string>,
  },
  picker: {
    heading: 'Choose the patient',
    searchLabel: 'Search patients',
    searchPlaceholder: 'Name, date of birth (1980-02-29) or chart number',
    tooShort: 'Type at least 2 characters: a name, a date of birth like 1980-02-29, or a chart number.',
    searching: 'Searching…',
    resultsLabel: 'Patients',
    noMatch: 'No patients match',
    noMatchHint: 'Check the spelling, or search by date of birth or chart number.',
    resultCount: (n: number) => (n === 1 ? '1 patient found' : `${n} patients found`),
    appointments: "Today's appointments",
    noAppointments: 'No appointments today.',
    recent: 'Recent patients',
    noRecent: 'No recent patients yet.',
    keepCurrent: (name: string) => `Keep ${name}`,
    selecting: 'Opening chart…',
    loadingList: 'Loading…',
  },
  drop: {
    regionLabel: 'Drop files to file them in the chart',
    chooseFiles: 'Choose files…',
    hint: 'Drop scans, faxes, PDFs or photos here',
    dragActive: 'Release to add these files',
    disabledHint: 'Choose a patient first. Files are always filed in the chart of the patient shown above.',
    registering: 'Checking files…',
    refusedHeading: 'Not added',
    dismiss: 'Dismiss',
  },
  ready: {
    heading: 'Ready to file',
    listLabel: 'Ready to file',
    title: 'Title',
    date: 'Date',
    type: 'Document type',
    choose: 'Choose…',
    remove: 'Remove',
    removeFile: (name: string) => `Remove ${name}`,
    fileTo: (count: number, patient: string) =>
      count === 1 ? `File 1 document to ${patient}` : `File ${count} documents to ${patient}`,
    missingType: 'Choose a document type for each file.',
    missingTitle: 'Give each file a title.',
    missingDate: 'Give each file a valid date.',
    targetsFailed: 'Could not load the document types.',
    sending: 'Adding to uploads…',
  },
  size: {
    bytes: (n: number) => `${n} B`,
    kilobytes: (n: string) => `${n} KB`,
    megabytes: (n: string) => `${n} MB`,
    gigabytes: (n: string) => `${n} GB`,
  },
  queue: {
    heading: 'Uploads',
    listLabel: 'Uploads',
    empty: 'Nothing to send.',
    state: {
      queued: 'Queued',
      sending: 'Sending',
      sent: 'Filed',
      failed: 'Failed',
      'needs-review': 'Needs review',
      cancelled: 'Cancelled',
    } satisfies Record<OutboxState, string>,
    needsReview:
      'The EMR may already have this document. Check the chart before sending it again, so it is not filed twice.',
    forPatient: (name: string) => `For ${name}`,
    progressLabel: (title: string) => `Sending ${title}`,
    retry: 'Retry',
    cancel: 'Cancel',
    openInEmr: 'Open in EMR',
    emrId: (id: string) => `EMR id ${id}`,
    pause: 'Pause uploads',
    resume: 'Resume uploads',
    pausedByUser: 'Uploads are paused. Nothing is sent until you resume.',
    signInToSend: (n: number) => (n === 1 ? 'Sign in again to send 1 waiting item' : `Sign in again to send ${n} waiting items`),
    announce: (title: string, patient: string, state: string) => `${title} for ${patient}: ${state}`,
    listFailed: 'Could not load the uploads.',
  },
  chart: {
    heading: 'In the chart',
    empty: 'No documents in this chart yet.',
    loading: 'Loading documents…',
    untyped: 'Document',
  },
  errors: {
    auth: {
      summary: 'Your session has ended.',
      action: 'Sign in again. Anything waiting is kept and sent afterwards.',
    },
    forbidden: {
      summary: 'Your EMR account is not allowed to do this.',
      action: "Ask your clinic's EMR administrator to give your account access.",
    },
    validation: {
      summary: 'The EMR refused some of the details.',
      action: 'Check the title, date and document type, then try again.',
    },
    'not-found': {
      summary: 'The EMR could not find it. The patient or folder may have been moved or merged.',
      action: 'Search for the patient again and choose them.',
    },
    conflict: {
      summary: 'The EMR already has this, or it changed in the meantime.',
      action: 'Open the chart to check before sending it again.',
    },
    'rate-limited': {
      summary: 'The EMR asked ChartDrop to slow down.',
      action: 'Nothing to do: sending starts again by itself shortly.',
    },
    transient: {
      summary: 'The EMR answered with an error.',
      action: 'This is usually brief. If it keeps happening, tell your EMR administrator.',
    },
    unreachable: {
      summary: 'Cannot reach the EMR.',
      action: 'Check the network connection.',
    },
    unsupported: {
      summary: "This clinic's EMR cannot do this.",
      action: 'Ask your EMR administrator whether it can be turned on.',
    },
    'too-large': {
      summary: 'This is too large for this EMR.',
      action: 'Split the document or scan it at a lower resolution, then add it again.',
    },
    mismatch: {
      summary: 'The EMR stored a different file from the one sent.',
      action: 'Open the chart and check the document. Remove the damaged copy in the EMR, then retry here.',
    },
    internal: {
      summary: 'Something went wrong inside ChartDrop.',
      action: 'Nothing was sent. Try again; if it happens again, tell your IT support.',
    },
  } satisfies Record<ErrorKind, ErrorWording>,
  errorDetail: {
    field: (field: string) => `Field: ${field}.`,
    retryIn: (seconds: number) => `Next try in about ${seconds} s.`,
    serverSaid: (message: string) => `Details: ${message}`,
  },
  /** Why a dropped file was refused before anything was sent. */
  refused: {
    auth: 'Sign in again, then add this file again.',
    forbidden: 'Your account may not add files of this kind. Ask your EMR administrator.',
    validation: 'This file cannot be filed as it is (it may be empty or too large). Check the file and add it again.',
    'not-found': 'The file could not be read any more. Add it again from where it is saved.',
    conflict: 'This file is already in the list.',
    'rate-limited': 'Too many files at once. Wait a moment and add it again.',
    transient: 'The file could not be checked. Add it again.',
    unreachable: 'The file could not be received. Drop it again.',
    unsupported: 'This type of file cannot be filed here.',
    'too-large': 'This file is too large for this clinic.',
    mismatch: 'The file changed while it was being added. Add it again.',
    internal: 'ChartDrop could not read this file. Add it again; if it happens again, tell your IT support.',
  } satisfies Record<ErrorKind, string>,
};

export type Strings = typeof en;

const catalogs = { en } satisfies Record<string, Strings>;
type Locale = keyof typeof catalogs;

function isLocale(value: string): value is Locale {
  return Object.hasOwn(catalogs, value);
}

export function stringsFor(language: string): Strings {
  const base = language.toLowerCase().split('-')[0] ?? '';
  return isLocale(base) ? catalogs[base] : catalogs.en;
}

export const t: Strings = stringsFor(typeof navigator === 'undefined' ? 'en' : navigator.language);
