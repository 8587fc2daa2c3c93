/** The summary report as CSV rows: stable English column names for BI tools, one row per group and a total. */
import type { Report, ReportFigures } from '@qms/shared';

export const SUMMARY_CSV_HEADER = [
  'group', 'issued', 'served', 'no_show', 'cancelled', 'transferred', 'recalled', 'open', 'kiosk', 'staff', 'remote',
  'wait_mean_min', 'wait_median_min', 'wait_p90_min', 'wait_p95_min', 'wait_max_min', 'within_target_pct', 'above_target_pct',
  'wait_upto10_pct', 'wait_10to20_pct', 'wait_20to30_pct', 'wait_over30_pct', 'service_mean_min', 'service_p90_min',
  'eta_median_error_min', 'eta_p90_error_min', 'eta_under_promised_over5_pct',
];

const num = (v: number | null) => (v === null ? '' : v);
const pct = (v: number | null) => (v === null ? '' : Math.round(v * 1000) / 10);

function cells(group: string, f: ReportFigures): (string | number)[] {
  return [
    group, f.issued, f.served, f.noShow, f.cancelled, f.transferred, f.recalled, f.open, f.byChannel.kiosk, f.byChannel.staff, f.byChannel.remote,
    num(f.wait.mean), num(f.wait.p50), num(f.wait.p90), num(f.wait.p95), num(f.wait.max), pct(f.withinTarget), pct(f.aboveTarget),
    pct(f.bands.upTo10), pct(f.bands.upTo20), pct(f.bands.upTo30), pct(f.bands.over30), num(f.service.mean), num(f.service.p90),
    num(f.eta.medianErrorMin), num(f.eta.p90ErrorMin), pct(f.eta.underPromisedOver5),
  ];
}

export function summaryCsvRows(report: Report): (string | number)[][] {
  return [...report.groups.map((g) => cells(g.key === '' ? '(none)' : g.key, g.figures)), cells('total', report.total)];
}
