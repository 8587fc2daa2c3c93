/** Transfer the ticket in hand to another service and/or a counter, optionally coming back (T2, T4). */
import type { Service, ServiceLoad } from '@qms/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Dialog } from '../../components/Dialog';
import { ServiceOptions } from '../../components/ServiceOptions';
import { useServiceName } from '../../components/hooks';
import { runCounterCommand } from '../../commands';
import { offeredServices } from '../../logic/offered';
import { useStore } from '../../store';

const NO_SERVICES: Service[] = [];
const NO_LOADS: ServiceLoad[] = [];

export function TransferDialog({ counterId }: { counterId: string }) {
  const { t } = useTranslation();
  const serviceName = useServiceName();
  const closeDialog = useStore((s) => s.closeDialog);
  const ticket = useStore((s) => {
    const id = s.hall?.counters[counterId]?.currentTicketId;
    return id ? s.hall?.tickets[id] : undefined;
  });
  const services = useStore((s) => s.hall?.services ?? NO_SERVICES);
  const loads = useStore((s) => s.hall?.loads ?? NO_LOADS);
  // A closed counter would never call the visitor: the server refuses it (I5), so it is not offered.
  const counters = useStore(useShallow((s) => Object.values(s.hall?.counters ?? {}).filter((c) => c.id !== counterId && c.status !== 'closed')));
  const [toServiceId, setService] = useState('');
  const [toCounterId, setCounter] = useState('');
  const [returnBack, setReturn] = useState(false);
  if (!ticket) return null;

  const changesService = toServiceId !== '' && toServiceId !== ticket.serviceId;
  const valid = changesService || toCounterId !== '';
  const submit = async () => {
    if (!valid) return;
    const ok = await runCounterCommand('transfer', counterId, {
      ...(changesService ? { toServiceId } : {}),
      ...(toCounterId ? { toCounterId } : {}),
      returnToService: changesService && returnBack,
    });
    if (ok) closeDialog();
  };
  const sorted = [...counters].sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }));

  return (
    <Dialog title={t('transfer.title', { number: ticket.number })} onClose={closeDialog} testId="transfer-dialog">
      <form
        className="dialog-body form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span>{t('transfer.service')}</span>
          <select className="input" value={toServiceId} onChange={(e) => setService(e.target.value)} data-autofocus data-testid="transfer-service">
            <option value="">{t('transfer.sameService', { service: serviceName(ticket.serviceId) })}</option>
            <ServiceOptions offered={offeredServices(services, loads).filter(({ service: s }) => s.id !== ticket.serviceId)} />
          </select>
        </label>
        <label className="field">
          <span>{t('transfer.counter')}</span>
          <select className="input" value={toCounterId} onChange={(e) => setCounter(e.target.value)} data-testid="transfer-counter">
            <option value="">{t('transfer.anyCounter')}</option>
            {sorted.map((c) => (
              <option key={c.id} value={c.id}>
                {t('op.counter', { number: c.number })} · {t(`status.${c.status}`)} · {c.services.map((s) => serviceName(s.serviceId)).join(', ')}
              </option>
            ))}
          </select>
        </label>
        <label className={changesService ? 'check' : 'check check-off'}>
          <input type="checkbox" checked={changesService && returnBack} disabled={!changesService} onChange={(e) => setReturn(e.target.checked)} data-testid="transfer-return" />
          {t('transfer.returnBack', { service: serviceName(ticket.serviceId) })}
        </label>
        {!valid && <p className="muted">{t('transfer.needTarget')}</p>}
        <footer className="dialog-foot">
          <button type="button" className="btn" onClick={closeDialog}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!valid} data-testid="transfer-submit">
            {t('transfer.submit')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
