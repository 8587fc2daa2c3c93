import { Arrived } from '../components/checkin/Arrived';
import { CodeForm } from '../components/checkin/CodeForm';
import { TooEarly, TooLate } from '../components/checkin/Refused';
import { useKiosk } from '../store';

/** "I have an appointment" (issue 13) or a ticket from a phone (issue 14): the code, why it cannot be checked in now, or the welcome. */
export function CheckInScreen() {
  const checkIn = useKiosk((s) => s.checkIn);
  if (checkIn.state === 'early') return <TooEarly booking={checkIn.booking} />;
  if (checkIn.state === 'late') return <TooLate booking={checkIn.booking} />;
  if (checkIn.state === 'arrived') return <Arrived key={checkIn.ticket.id} ticket={checkIn.ticket} eta={checkIn.eta} />;
  return <CodeForm />;
}
