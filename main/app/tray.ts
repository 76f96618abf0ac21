import { app, Menu, nativeImage, Tray } from 'electron';
import type { AppCore } from '../core/app-core-types.js';
import { applyEvent, outboxLine, patientLine, signInLine, trayTooltip, type CoreEvent, type TrayState } from './tray-state.js';

export interface TrayActions {
  open(): void;
  quit(): void;
}

/**
 * The tray icon and its menu (DESIGN.md "What the user sees" → Tray), rebuilt whenever a core
 * event changes what it shows. Actions go to the same core the window's requests reach, so the
 * same policy holds (signing out pauses the outbox and forgets the patients).
 */
export async function createTray(core: AppCore, options: { iconPath: string; clinicName: string; actions: TrayActions }): Promise<() => void> {
  const tray = new Tray(nativeImage.createFromPath(options.iconPath));
  /** Everything the tray shows about one clinic, read fresh from the core. */
  const readState = async (clinicName: string): Promise<TrayState> => {
    const clinic = core.active();
    const outbox = clinic.outboxView();
    return {
      clinicName,
      auth: clinic.session.status(),
      patient: clinic.patients.active,
      outbox: new Map(outbox.items.map((item) => [item.id, item.state])),
      paused: outbox.paused,
    };
  };
  let state = await readState(options.clinicName);

  const render = () => {
    const signedIn = state.auth.state === 'signed-in';
    tray.setToolTip(trayTooltip(state));
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: signInLine(state), enabled: false },
        { label: patientLine(state.patient), enabled: false },
        { label: outboxLine(state), enabled: false },
        { type: 'separator' },
        { label: 'Open ChartDrop', click: options.actions.open },
        {
          label: 'Pause uploads',
          type: 'checkbox',
          checked: state.paused,
          click: (item) => void core.active().outbox.setPaused(item.checked),
        },
        { label: 'Sign out', enabled: signedIn, click: () => void core.active().signOut() },
        {
          label: 'Start at login',
          type: 'checkbox',
          checked: app.getLoginItemSettings().openAtLogin,
          click: (item) => app.setLoginItemSettings({ openAtLogin: item.checked }),
        },
        { type: 'separator' },
        { label: 'Quit ChartDrop', click: options.actions.quit },
      ]),
    );
  };

  const stopEvents = core.subscribe((name, payload) => {
    const event = { name, payload } as CoreEvent;
    if (event.name === 'app:profileChanged') {
      // Another clinic: its own session, patient and outbox replace the whole picture.
      void readState(event.payload.profile.name).then((fresh) => {
        state = fresh;
        render();
      });
      return;
    }
    const next = applyEvent(state, event);
    if (next === state) return;
    state = next;
    render();
  });

  tray.on('click', options.actions.open);
  render();
  return () => {
    stopEvents();
    tray.destroy();
  };
}
