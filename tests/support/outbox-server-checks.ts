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
