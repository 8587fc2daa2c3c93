import { CodeForm } from '../components/checkin/CodeForm';
import { TooEarly, TooLate } from '../components/checkin/Refused';
import { useKiosk } from '../store';

/** "I have an appointment" (issue 13): the code, or why it cannot be checked in now. */
export function CheckInScreen() {
  const checkIn = useKiosk((s) => s.checkIn);
  if (checkIn.state === 'early') return <TooEarly booking={checkIn.booking} />;
  if (checkIn.state === 'late') return <TooLate booking={checkIn.booking} />;
  return <CodeForm />;
}
