import type { DeviceKind, StaffRole } from '@qms/shared';

/** Who is calling: a logged-in staff session or a paired device. */
export type Principal =
  | {
      kind: 'staff';
      centerId: string;
      login: string;
      name: string;
      role: StaffRole;
      /** Services the person is trained for; empty = not restricted. */
      services: string[];
      sessionHash: string;
      /** The counter this session holds, if any. */
      counterId: string | null;
    }
  | {
      kind: 'device';
      centerId: string;
      deviceId: string;
      deviceKind: DeviceKind;
      counters: string[];
      services: string[];
    };

export function actorName(p: Principal | null): string | null {
  if (!p) return null;
  return p.kind === 'staff' ? `staff:${p.login}` : `device:${p.deviceId}`;
}

export function isStaff(p: Principal | null, ...roles: StaffRole[]): p is Extract<Principal, { kind: 'staff' }> {
  return p?.kind === 'staff' && (roles.length === 0 || roles.includes(p.role));
}
