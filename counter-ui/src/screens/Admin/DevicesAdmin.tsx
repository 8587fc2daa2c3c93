/** Kiosks and hall displays: add one and show its pairing code large, re-pair, delete. */
import { DEVICE_KINDS, type AppErrorBody, type DeviceKind } from '@qms/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerNow } from '../../components/hooks';
import { formatClock } from '../../logic/waits';
import { useStore } from '../../store';
import { useRatingText } from '../Complaints/ratingText';
import { Field, ServerError, useAdminList } from './parts';

export function DevicesAdmin() {
  const { t } = useTranslation();
  const { list, error } = useAdminList('devices');
  const pairing = useStore((s) => s.pairing);
  const repairDevice = useStore((s) => s.repairDevice);
  const deleteItem = useStore((s) => s.deleteItem);
  const clearPairing = useStore((s) => s.clearPairing);
  const [actionError, setActionError] = useState<AppErrorBody | null>(null);
  const act = async (op: Promise<{ ok: boolean; error?: AppErrorBody }>) => {
    const res = await op;
    setActionError(res.ok ? null : (res.error ?? null));
  };

  return (
    <div className="devices">
      {pairing && <PairingPanel onDone={clearPairing} />}
      <div className="editor">
        <section className="panel editor-list">
          <header className="panel-head">
            <h2>{t('admin.tabs.devices')}</h2>
          </header>
          <ServerError error={error ?? actionError} />
          <table className="table">
            <thead>
              <tr>
                <th>{t('admin.id')}</th>
                <th>{t('admin.kind')}</th>
                <th>{t('admin.name')}</th>
                <th>{t('admin.paired')}</th>
                <th className="actions-col">{t('sup.counters.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {(list ?? []).map((d) => (
                <tr key={d.id} data-testid="device-row" data-id={d.id}>
                  <td className="mono">{d.id}</td>
                  <td>
                    {t(`admin.kinds.${d.kind}`)}
                    {d.kind === 'rating' && d.counters[0] && <CounterOf id={d.counters[0]} />}
                  </td>
                  <td>{d.name}</td>
                  <td>{pairing?.deviceId === d.id ? <span className="pill pill-paused">{t('admin.pairingNow')}</span> : d.paired ? <span className="pill pill-open">{t('admin.pairedYes')}</span> : <span className="pill pill-closed">{t('admin.pairedNo')}</span>}</td>
                  <td className="actions-col">
                    <div className="row-actions">
                      <button type="button" className="btn btn-small" onClick={() => void act(repairDevice(d.id))} data-testid="repair">
                        {t('admin.repair')}
                      </button>
                      <button
                        type="button"
                        className="btn btn-small btn-danger-quiet"
                        onClick={() => window.confirm(t('admin.confirmDelete', { label: d.name })) && void act(deleteItem('devices', d.id))}
                      >
                        {t('common.delete')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{t('admin.repairHint')}</p>
        </section>
        <div className="editor-form">
          <AddDevice />
        </div>
      </div>
    </div>
  );
}

function AddDevice() {
  const { t } = useTranslation();
  const addDevice = useStore((s) => s.addDevice);
  const [id, setId] = useState('');
  // No default: a display paired as a kiosk (or back) is a wasted trip to the device (issue 11).
  const [kind, setKind] = useState<DeviceKind | null>(null);
  const [name, setName] = useState('');
  const [counter, setCounter] = useState('');
  const tr = useRatingText();
  const counters = useStore((s) => s.hall?.counters);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async () => {
    if (!kind) return setError({ code: 'BAD_REQUEST', message: t('admin.kindRequired') });
    if (kind === 'rating' && !counter) return setError({ code: 'BAD_REQUEST', message: tr('devices.counterRequired') });
    if (!id.trim() || !name.trim()) return setError({ code: 'BAD_REQUEST', message: t('admin.required') });
    setPending(true);
    const res = await addDevice({ id: id.trim(), kind, name: name.trim(), ...(kind === 'rating' ? { counters: [counter] } : {}) });
    setPending(false);
    setError(res.ok ? null : res.error);
    if (res.ok) {
      setId('');
      setName('');
      setKind(null);
      setCounter('');
    }
  };
  return (
    <form
      className="panel form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="add-device"
    >
      <h2>{t('admin.addDevice')}</h2>
      <fieldset className="choices" data-testid="device-kind">
        <legend>{`${t('admin.kind')} *`}</legend>
        {DEVICE_KINDS.map((k) => (
          <label key={k} className={kind === k ? 'choice choice-on' : 'choice'}>
            <input type="radio" name="device-kind" value={k} checked={kind === k} onChange={() => setKind(k)} required data-testid={`device-kind-${k}`} />
            {t(`admin.kinds.${k}`)}
          </label>
        ))}
      </fieldset>
      <Field label={`${t('admin.id')} *`} hint={t('admin.deviceIdHint')}>
        <input className="input" value={id} onChange={(e) => setId(e.target.value)} required data-testid="device-id" />
      </Field>
      <Field label={`${t('admin.name')} *`}>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} required data-testid="device-name" />
      </Field>
      {kind === 'rating' && (
        <Field label={`${tr('devices.counter')} *`} hint={tr('devices.counterHint')}>
          <select className="input" value={counter} onChange={(e) => setCounter(e.target.value)} data-testid="device-counter">
            <option value="">{tr('devices.chooseCounter')}</option>
            {Object.values(counters ?? {}).map((c) => (
              <option key={c.id} value={c.id}>
                {c.number}
              </option>
            ))}
          </select>
        </Field>
      )}
      <ServerError error={error} />
      <footer className="dialog-foot">
        <button type="submit" className="btn btn-primary" disabled={pending} data-testid="device-add">
          {t('admin.addAndPair')}
        </button>
      </footer>
    </form>
  );
}

function PairingPanel({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const pairing = useStore((s) => s.pairing);
  const device = useStore((s) => s.lists.devices?.find((d) => d.id === s.pairing?.deviceId));
  const now = useServerNow(1000);
  if (!pairing) return null;
  const left = pairing.expiresAt - now;
  const path = device?.kind === 'kiosk' ? '/kiosk/' : device?.kind === 'display' ? '/display/' : device?.kind === 'rating' ? '/kiosk/rate/' : t('admin.kioskOrDisplay');
  return (
    <section className="pairing" aria-live="polite" data-testid="pairing">
      <div>
        <div className="pairing-label">{t('admin.pairingFor', { name: device?.name ?? pairing.deviceId })}</div>
        <div className="pairing-code" data-testid="pairing-code">
          {pairing.code.slice(0, 3)} {pairing.code.slice(3)}
        </div>
        <div className={left > 0 ? 'muted' : 'warn-text'}>{left > 0 ? t('admin.expiresIn', { time: formatClock(left) }) : t('admin.expired')}</div>
      </div>
      <div className="pairing-help">
        <p>{t('admin.pairingSteps', { path })}</p>
        <button type="button" className="btn" onClick={onDone}>
          {t('admin.pairingDone')}
        </button>
      </div>
    </section>
  );
}

/** A rating terminal's counter, by its number (issue 14). */
function CounterOf({ id }: { id: string }) {
  const tr = useRatingText();
  const number = useStore((s) => s.hall?.counters[id]?.number ?? id);
  return <span className="muted"> · {`${tr('devices.counter')} ${number}`}</span>;
}
