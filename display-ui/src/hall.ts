import type { DisplayCounter, DisplayTicket } from '@qms/shared';
import type { HallConnectionOptions, HallState } from '@qms/shared/client';

/** The hall as a display receives it: the server's display projection (shared/src/audience.ts). */
export type DisplayHall = HallState<DisplayTicket, DisplayCounter>;
export type DisplayConnectionOptions = HallConnectionOptions<DisplayTicket, DisplayCounter>;
