import { describe, expect, it } from 'vitest';
import type { OutboxState } from '../ipc/contract.js';
import { applyEvent, outboxLine, patientLine, signInLine, type TrayState } from './tray-state.js';

const base: TrayState = {
  clinicName: 'Maple Clinic',
  auth: { state: 'signed-out', sessionPersists: true },
  patient: null,
  outbox: new Map(),
  paused: false,
};

function outboxOf(...states: OutboxState[]): Map<string, OutboxState> {
  return new Map(states.map((state, index) => [`e${index}`, state]));
}

describe('tray wording', () => {
  it('says who is signed in to which clinic', () => {
    expect(signInLine({ ...base, auth: { state: 'signed-in', user: { displayName: 'Dr. Tremblay' }, sessionPersists: true } })).toBe(
      'Dr. Tremblay — Maple Clinic',
    );
    expect(signInLine(base)).toBe('Signed out — Maple Clinic');
  });

  it('names the active patient with birth date and chart identifier', () => {
    expect(patientLine(null)).toBe('No patient selected');
    expect(
      patientLine({ id: 'p1', displayName: 'Okafor, Jordan', familyName: 'Okafor', givenNames: 'Jordan', birthDate: '1984-02-29', identifiers: [{ label: 'MRN', value: '0042' }] }),
    ).toBe('Patient: Okafor, Jordan, 1984-02-29, MRN 0042');
  });

  it('summarises the outbox as "3 sending, 1 needs attention"', () => {
    expect(outboxLine({ paused: false, outbox: outboxOf('queued', 'sending', 'sending', 'failed', 'sent', 'cancelled') })).toBe(
      '3 sending, 1 needs attention',
    );
    expect(outboxLine({ paused: false, outbox: outboxOf('failed', 'needs-review') })).toBe('2 need attention');
    expect(outboxLine({ paused: false, outbox: outboxOf('sent') })).toBe('Nothing waiting to send');
  });

  it('says when uploads are paused', () => {
    expect(outboxLine({ paused: true, outbox: outboxOf('queued') })).toBe('1 waiting (paused)');
  });

  it('tracks each outbox entry by its latest state from events', () => {
    const item = { id: 'a', kind: 'document', state: 'sending', title: 'Lab', size: 1, sentBytes: 0, patient: { id: 'p', displayName: 'P', identifiers: [] as { label: string; value: string }[] }, targetLabel: 'Labs', attempts: 1, createdAt: '', updatedAt: '' } as const;
    const sending = applyEvent(base, { name: 'outbox:changed', payload: item });
    const sent = applyEvent(sending, { name: 'outbox:changed', payload: { ...item, state: 'sent' } });

    expect(outboxLine(sending)).toBe('1 sending');
    expect(outboxLine(sent)).toBe('Nothing waiting to send');
  });

  it('ignores progress events, which would rebuild the menu for nothing', () => {
    expect(applyEvent(base, { name: 'outbox:progress', payload: { id: 'a', sentBytes: 1, totalBytes: 2 } })).toBe(base);
  });
});
