/** Issue a ticket for a visitor at the counter, and confirm cancelling a waiting one (issue 11). */
import type { AppErrorBody, PriorityCategory, Service, ServiceLoad } from '@qms/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { errorText } from '../../components/errorText';
import { Dialog } from '../../components/Dialog';
import { ServiceOptions } from '../../components/ServiceOptions';
import { useCategoryName, useLanguage, useServiceName } from '../../components/hooks';
import { useStore } from '../../store';
import { offeredServices } from '../../logic/offered';
import { selectMyCounter } from '../../store/selectors';
import { cancelTicket, issueTicket } from '../../tickets';

const NO_SERVICES: Service[] = [];
const NO_CATEGORIES: PriorityCategory[] = [];
const NO_LOADS: ServiceLoad[] = [];

export function IssueDialog() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const serviceName = useServiceName();
  const categoryName = useCategoryName();
  const closeDialog = useStore((s) => s.closeDialog);
  const services = useStore((s) => s.hall?.services ?? NO_SERVICES);
  const loads = useStore((s) => s.hall?.loads ?? NO_LOADS);
  const categories = useStore((s) => s.hall?.priorityCategories ?? NO_CATEGORIES);
  // This counter's own services first: the visitor in front of it most likely wants one of them.
  const mine = useStore(useShallow((s) => selectMyCounter(s)?.services.map((x) => x.serviceId) ?? []));
  const [serviceId, setService] = useState(mine.length === 1 ? (mine[0] ?? '') : '');
  const [categoryId, setCategory] = useState('');
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [issued, setIssued] = useState<{ number: string; serviceId: string } | null>(null);
  const busy = useStore((s) => s.busy !== null);
  const ordered = offeredServices(services, loads).sort((a, b) => Number(!mine.includes(a.service.id)) - Number(!mine.includes(b.service.id)));

  const submit = async () => {
    if (!serviceId) return;
    const res = await issueTicket(categoryId ? { serviceId, categoryId } : { serviceId });
    setError(res.ok ? null : res.error);
    if (res.ok) setIssued({ number: res.data.ticket.number, serviceId: res.data.ticket.serviceId });
  };

  return (
    <Dialog title={t('issue.title')} onClose={closeDialog} testId="issue-dialog">
      {issued ? (
        <div className="dialog-body">
          <p className="issued" role="status" data-testid="issued">
            {t('issue.issued', { number: issued.number, service: serviceName(issued.serviceId) })}
          </p>
          <footer className="dialog-foot">
            <button type="button" className="btn" onClick={() => setIssued(null)} data-testid="issue-another">
              {t('issue.another')}
            </button>
            <button type="button" className="btn btn-primary" onClick={closeDialog} data-autofocus>
              {t('common.close')}
            </button>
          </footer>
        </div>
      ) : (
        <form
          className="dialog-body form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="field">
            <span>{t('issue.service')}</span>
            <select className="input" value={serviceId} onChange={(e) => setService(e.target.value)} required data-autofocus data-testid="issue-service">
              <option value="">{t('issue.choose')}</option>
              <ServiceOptions offered={ordered} />
            </select>
          </label>
          <label className="field">
            <span>{t('issue.category')}</span>
            <select className="input" value={categoryId} onChange={(e) => setCategory(e.target.value)} data-testid="issue-category">
              <option value="">{t('issue.noCategory')}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {categoryName(c.id)}
                </option>
              ))}
            </select>
          </label>
          {error && (
            <p className="warn-text" role="alert" data-testid="issue-error">
              {errorText(t, lang, error)}
            </p>
          )}
          <footer className="dialog-foot">
            <button type="button" className="btn" onClick={closeDialog}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={!serviceId || busy} data-testid="issue-submit">
              {t('issue.submit')}
            </button>
          </footer>
        </form>
      )}
    </Dialog>
  );
}

export function CancelTicketDialog({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const serviceName = useServiceName();
  const closeDialog = useStore((s) => s.closeDialog);
  const ticket = useStore((s) => s.hall?.tickets[ticketId]);
  if (!ticket) return null;
  const confirm = async () => {
    closeDialog();
    await cancelTicket(ticketId);
  };
  return (
    <Dialog title={t('confirm.cancelTicket.title', { number: ticket.number })} onClose={closeDialog} testId="confirm-cancel-ticket">
      <form
        className="dialog-body"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <p>{t('confirm.cancelTicket.body', { service: serviceName(ticket.serviceId) })}</p>
        <footer className="dialog-foot">
          {/* The safe answer is the focused one: an Enter pressed by habit keeps the visitor in line. */}
          <button type="button" className="btn" onClick={closeDialog} data-autofocus>
            {t('confirm.cancelTicket.keep')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="confirm-ok">
            {t('confirm.cancelTicket.ok')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
