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
    searchPlaceholder: 'Name, date of birth (14 Mar 1978) or chart number',
    tooShort: 'Type at least 2 characters: a name, a date of birth like 14 Mar 1978 or 14/03/1978, or a chart number.',
    /** Said back under the search box, so a misread date is seen before a patient is chosen. */
    searchingFor: (parts: { name?: string; born?: string; identifier?: string }) =>
      `Searching for ${[parts.name && `“${parts.name}”`, parts.born && `born ${parts.born}`, parts.identifier && `chart number ${parts.identifier}`].filter(Boolean).join(', ')}`,
    readDateAs: (typed: string, order: 'dmy' | 'mdy') => `(${typed} read ${order === 'dmy' ? 'day first' : 'month first'}, as this clinic writes dates)`,
    notOnCalendar: (typed: string) => `${typed} is not a date on the calendar, so it was left out of the search.`,
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
    dismissAll: 'Remove all refused',
    /** A refusal of size: both figures, so the user knows how far over it is. */
    tooLarge: (size: string, limit: string) =>
      `This file is ${size}; this clinic accepts up to ${limit}. Split the document or scan it at a lower resolution, then add it again.`,
    empty: 'This file is empty (0 bytes): there is nothing in it to file. Scan or save it again.',
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
    forPatient: (patient: string) => `For ${patient}`,
    fileTo: (count: number, patient: string) =>
      count === 1 ? `File 1 document to ${patient}` : `File ${count} documents to ${patient}`,
    missingType: 'Choose a document type for each file.',
    missingTitle: 'Give each file a title.',
    missingDate: 'Give each file a valid date.',
    targetsFailed: 'Could not load the document types.',
    sending: 'Adding to uploads…',
  },
  held: {
    heading: 'Files dropped for another patient',
    explain: (droppedFor: string, current: string | null) =>
      current
        ? `These files were dropped for ${droppedFor}. The banner now shows ${current}. Nothing is filed until you choose.`
        : `These files were dropped for ${droppedFor}. Nothing is filed until you choose.`,
    listLabel: (patient: string) => `Dropped for ${patient}`,
    fileToDroppedFor: (patient: string) => `File them to ${patient}`,
    moveTo: (patient: string) => `Move them to ${patient}`,
    discard: 'Discard them',
    changedDuringDrop: 'The patient changed while this file was being added. Drop it again for the patient in the banner.',
  },
  duplicate: {
    summary: (count: number) =>
      count === 1 ? 'This file is already in this patient’s chart or uploads:' : `This file is already in this patient’s chart or uploads ${count} times:`,
    filing: ({ queued, when, by, title }: { queued: boolean; when?: string; by?: string; title?: string }) =>
      [
        queued ? 'Waiting in uploads' : 'Filed',
        title ? `as “${title}”` : undefined,
        when ? `on ${when}` : undefined,
        by ? `by ${by}` : undefined,
      ]
        .filter(Boolean)
        .join(' '),
    fileAgain: 'File it again anyway',
    confirmFirst: 'A file is already in this chart: tick “File it again anyway” or remove it.',
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
    needsReview: (kind: 'document' | 'note') =>
      `The EMR may already have this ${kind}. Check the chart before sending it again, so it is not filed twice.`,
    currentPatient: (patient: string) => `${patient} (in the banner)`,
    listFor: (patient: string) => `Uploads for ${patient}`,
    clearFiled: (n: number) => (n === 1 ? 'Clear 1 filed' : `Clear ${n} filed`),
    retrying: (attempt: number, seconds: number | undefined) =>
      seconds === undefined || seconds === 0
        ? `ChartDrop is retrying by itself: attempt ${attempt}.`
        : `ChartDrop is retrying by itself: attempt ${attempt}, next in ${seconds} s.`,
    gaveUp: (attempts: number) => `ChartDrop stopped retrying after ${attempts} attempts.`,
    signedOut: ({ waiting, filed, needsAttention }: { waiting: number; filed: number; needsAttention: number }) =>
      [
        waiting > 0 ? (waiting === 1 ? '1 upload is waiting to be sent.' : `${waiting} uploads are waiting to be sent.`) : undefined,
        needsAttention > 0 ? (needsAttention === 1 ? '1 upload needs attention.' : `${needsAttention} uploads need attention.`) : undefined,
        // Documents and notes alike: the counts do not say which, and a signed-out screen says no more.
        filed > 0 ? (filed === 1 ? '1 upload was filed today.' : `${filed} uploads were filed today.`) : undefined,
      ]
        .filter(Boolean)
        .join(' '),
    signInToSee: 'Sign in to see them. Nothing is sent while no one is signed in.',
    progressLabel: (title: string) => `Sending ${title}`,
    noteMeta: (noteType: string) => `Note · ${noteType}`,
    retry: 'Retry',
    remove: 'Remove',
    openInEmr: 'Open in EMR',
    pause: 'Pause uploads',
    resume: 'Resume uploads',
    pausedByUser: 'Uploads are paused. Nothing is sent until you resume.',
    announce: (title: string, patient: string, state: string) => `${title} for ${patient}: ${state}`,
    listFailed: 'Could not load the uploads.',
  },
  workspace: {
    tabsLabel: 'What to do for this patient',
    documentsTab: 'File documents',
    noteTab: 'Write a note',
  },
  notes: {
    heading: 'Encounter note',
    choosePatientFirst: 'Choose a patient first. A note is always written for the patient shown above.',
    notTaken: 'This clinic’s EMR does not take notes from ChartDrop.',
    loading: 'Loading the note…',
    loadFailed: 'Could not load this patient’s draft.',
    setupFailed: 'Could not load what this EMR needs for a note.',
    forPatient: (patient: string) => `For ${patient}`,
    noteType: 'Note type',
    choose: 'Choose…',
    chooseType: 'Choose a note type.',
    title: 'Title',
    text: 'Note',
    sectionsLegend: 'Note',
    restored: (time: string) => `Draft from ${time} restored`,
    saved: (time: string) => `Draft saved ${time}`,
    saveFailed: 'The draft could not be saved.',
    alreadySent: 'This note was already sent; what you type now is a new note.',
    notPersistent: 'This computer cannot store drafts securely, so drafts last only until ChartDrop is closed.',
    dismiss: 'Dismiss',
    send: (patient: string) => `Send note for ${patient}`,
    sending: 'Adding to uploads…',
    sendShortcut: (mac: boolean) => (mac ? 'Press ⌘+Enter to send.' : 'Press Ctrl+Enter to send.'),
    sendBlocked: (problem: string) => `Not ready to send: ${problem}`,
    writeFirst: 'Write the note, then send it.',
    sent: (title: string, patient: string) => `Note “${title}” added to uploads for ${patient}. It is filed in the chart from there.`,
    untitled: 'Untitled',
    keptFor: (patient: string) => `The note you were writing stays with ${patient} as a draft.`,
    discard: 'Discard draft',
    discardQuestion: (patient: string) => `Discard the draft for ${patient}? Its words cannot be recovered.`,
    discardConfirm: (patient: string) => `Discard draft for ${patient}`,
    keepDraft: 'Keep it',
    discarded: 'Draft discarded.',
    otherDrafts: 'Drafts',
    otherDraftsLabel: 'Drafts for other patients',
    otherDraft: (patient: string, time: string) => `${patient} (${time})`,
    fix: {
      button: 'Fix characters…',
      heading: 'Fix characters',
      intro: 'This EMR takes plain characters only. These will change:',
      change: (from: string, to: string, count: number) => `${from} → ${to === '' ? '(removed)' : to}${count > 1 ? ` (${count} times)` : ''}`,
      left: 'Anything not listed has no safe plain replacement: change it yourself.',
      apply: 'Apply changes',
      cancel: 'Cancel',
      listLabel: 'Changes',
    },
    templates: {
      label: 'Template',
      none: 'Choose a template…',
      use: 'Use template',
      replaceQuestion: (name: string) => `Replace what you have written with the template “${name}”?`,
      replace: 'Replace',
      keep: 'Keep my words',
      manage: 'Manage templates',
      heading: 'Templates',
      listLabel: 'Templates',
      builtIn: 'Built in',
      hidden: 'Hidden',
      hide: (name: string) => `Hide ${name}`,
      show: (name: string) => `Show ${name}`,
      edit: (name: string) => `Edit ${name}`,
      remove: (name: string) => `Delete ${name}`,
      removeQuestion: (name: string) => `Delete the template “${name}”?`,
      removeConfirm: 'Delete',
      cancel: 'Cancel',
      saveCurrent: 'Save this note as a template',
      name: 'Template name',
      save: 'Save template',
      saved: (name: string) => `Template “${name}” saved.`,
      editHeading: (name: string) => `Edit template “${name}”`,
      nameMissing: 'Give the template a name.',
      loadFailed: 'Could not load the templates.',
    },
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
      action: 'ChartDrop kept its own copy. Check the chart (the details say whether anything was added), then retry. If it happens again, tell your EMR administrator: something between ChartDrop and the EMR is changing files.',
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
    withStatus: (summary: string, status: number) => `${summary.replace(/\.$/, '')} (HTTP ${status}).`,
    sizeAndLimit: (size: string, limit: string) => `This file is ${size}; this clinic accepts up to ${limit}.`,
  },
  /** Why a dropped file was refused before anything was sent. */
  refused: {
    auth: 'Sign in again, then add this file again.',
    forbidden: 'Your account may not add files of this kind. Ask your EMR administrator.',
    validation: 'This file cannot be filed as it is. Check the file and add it again.',
    'not-found': 'The file could not be read any more. Add it again from where it is saved.',
    conflict: 'This file is already in the list.',
    'rate-limited': 'Too many files at once. Wait a moment and add it again.',
    transient: 'The file could not be checked. Add it again.',
    unreachable: 'The file could not be received. Drop it again.',
    unsupported: 'This file cannot be filed in this clinic’s EMR.',
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
