import type { Sandbox } from '../../sandbox/index.js';

export const CHARTDROP_IDENTIFIER_SYSTEM = 'urn:chartdrop:document';

export interface FiledOnServer {
  id: string;
  /** SHA-256 of the bytes the DocumentReference's Binary holds. */
  binarySha256: string | undefined;
  identifier: string | undefined;
}

/** ChartDrop's DocumentReferences in one patient's chart, read directly from the sandbox (no HTTP, no faults). */
export async function filedDocuments(sandbox: Sandbox, patientId: string): Promise<FiledOnServer[]> {
  const documents = await sandbox.fhir.search('DocumentReference', { patient: `Patient/${patientId}` });
  const ours = documents.filter((d) => d.identifier?.some((i) => i.system === CHARTDROP_IDENTIFIER_SYSTEM));
  return Promise.all(
    ours.map(async (d) => {
      const binaryId = d.content?.[0]?.attachment?.url?.replace(/^Binary\//, '') ?? '';
      return {
        id: d.id,
        binarySha256: (await sandbox.fhir.binaryInfo(binaryId))?.sha256,
        identifier: d.identifier?.find((i) => i.system === CHARTDROP_IDENTIFIER_SYSTEM)?.value,
      };
    }),
  );
}

/** How many times these exact bytes were filed in this chart. */
export async function timesFiled(sandbox: Sandbox, patientId: string, sha256: string): Promise<number> {
  return (await filedDocuments(sandbox, patientId)).filter((d) => d.binarySha256 === sha256).length;
}

export interface NoteOnServer {
  id: string;
  /** `system|code` of the note's LOINC type. */
  type: string | undefined;
  /** The attachment's text, decoded. */
  text: string | undefined;
  contentType: string | undefined;
  identifier: string | undefined;
}

/** ChartDrop's notes in one patient's chart (DocumentReferences with an inline text), read directly from the sandbox. */
export async function filedNotes(sandbox: Sandbox, patientId: string): Promise<NoteOnServer[]> {
  const documents = await sandbox.fhir.search('DocumentReference', { patient: `Patient/${patientId}` });
  return documents
    .filter((d) => d.identifier?.some((i) => i.system === CHARTDROP_IDENTIFIER_SYSTEM) && d.content?.[0]?.attachment?.data !== undefined)
    .map((d) => {
      const attachment = d.content?.[0]?.attachment;
      const coding = d.type?.coding?.[0];
      return {
        id: d.id,
        type: coding ? `${coding.system ?? ''}|${coding.code ?? ''}` : undefined,
        text: attachment?.data === undefined ? undefined : Buffer.from(attachment.data, 'base64').toString('utf8'),
        contentType: attachment?.contentType,
        identifier: d.identifier?.find((i) => i.system === CHARTDROP_IDENTIFIER_SYSTEM)?.value,
      };
    });
}

/** Until the sandbox itself refuses the token (it expired on the server's clock): a fixed sleep would race that clock. */
export async function untilTokenRefused(sandbox: Sandbox, accessToken: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await fetch(`${sandbox.fhirBaseUrl}/Patient?_count=1`, { headers: { authorization: `Bearer ${accessToken}` } });
    await answer.body?.cancel();
    if (answer.status === 401) return;
    if (Date.now() > deadline) throw new Error(`the sandbox still accepts the token (${answer.status})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
