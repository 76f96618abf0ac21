import { t } from '../strings';

export function DemoStrip() {
  return (
    <p className="demo-strip" role="note">
      {t.app.demoStrip}
    </p>
  );
}
