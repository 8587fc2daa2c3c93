/**
 * Inline SVG symbols (no network, crisp at any size). Decorative: the text beside them says
 * what they mean, so they are hidden from assistive technology.
 */
import type { ReactNode } from 'react';

function Svg({ children, className }: { children: ReactNode; className?: string | undefined }) {
  return (
    <svg className={`icon ${className ?? ''}`} viewBox="0 0 48 48" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="3.5" strokeLinecap="round" strokeLinejoin="round">
      {children}
    </svg>
  );
}

/** The International Symbol of Access, as on signs: a seated figure in a wheelchair. */
export function AccessIcon({ className }: { className?: string }) {
  return (
    <Svg className={className}>
      <circle cx="22" cy="7" r="3.6" fill="currentColor" stroke="none" />
      <path d="M21 13v13h12l5 12" />
      <path d="M21 19h10" />
      <path d="M15 20.5a11 11 0 1 0 15.5 14" />
    </Svg>
  );
}

function ChildIcon() {
  return (
    <Svg>
      <circle cx="24" cy="12" r="5" />
      <path d="M24 17v14M14 22l10 3 10-3M24 31l-6 11M24 31l6 11" />
    </Svg>
  );
}

function MedalIcon() {
  return (
    <Svg>
      <path d="M16 4l6 14M32 4l-6 14" />
      <circle cx="24" cy="30" r="11" />
      <path d="M24 24l2 4h4l-3 3 1 4-4-2-4 2 1-4-3-3h4z" strokeWidth="2" />
    </Svg>
  );
}

function ElderlyIcon() {
  return (
    <Svg>
      <circle cx="20" cy="8" r="4" />
      <path d="M19 13c-2 5-2 10 0 15l-3 14M19 28l6 14M20 17l8 6" />
      <path d="M28 23l4 19M32 42h3" />
    </Svg>
  );
}

function PregnantIcon() {
  return (
    <Svg>
      <circle cx="21" cy="7" r="4" />
      <path d="M20 13c-2 5-2 10-1 15" />
      <path d="M21 15c8 2 11 8 9 13-1 3-5 4-10 4" />
      <path d="M20 32l-2 11M24 32l2 11M20 18l-5 7" />
    </Svg>
  );
}

function InfantIcon() {
  return (
    <Svg>
      <path d="M7 20h29c0 6-6.5 11-14.5 11S7 26 7 20z" />
      <path d="M22 20V9c7 0 13 5 14 11M36 20l5-7" />
      <circle cx="13" cy="38" r="4" />
      <circle cx="30" cy="38" r="4" />
    </Svg>
  );
}

function PersonIcon() {
  return (
    <Svg>
      <circle cx="24" cy="10" r="5" />
      <path d="M14 42V28a10 10 0 0 1 20 0v14" />
      <path d="M24 30l2 4h4l-3 3 1 4-4-2-4 2 1-4-3-3h4z" strokeWidth="2" />
    </Svg>
  );
}

/** The configured `icon` name of a priority category, or a generic person with a star. */
export function CategoryIcon({ name }: { name: string | undefined }) {
  switch (name) {
    case 'wheelchair':
    case 'disability':
      return <AccessIcon />;
    case 'child':
      return <ChildIcon />;
    case 'medal':
    case 'veteran':
      return <MedalIcon />;
    case 'elderly':
      return <ElderlyIcon />;
    case 'pregnant':
      return <PregnantIcon />;
    case 'infant':
    case 'baby':
      return <InfantIcon />;
    default:
      return <PersonIcon />;
  }
}

export function SpeakerIcon() {
  return (
    <Svg>
      <path d="M8 18h8l10-8v28l-10-8H8z" />
      <path d="M32 17a9 9 0 0 1 0 14M36 12a15 15 0 0 1 0 24" />
    </Svg>
  );
}

export function TextSizeIcon() {
  return (
    <Svg>
      <path d="M4 38l9-26 9 26M7.5 29h11" />
      <path d="M26 38l7-18 7 18M28.5 32h9" strokeWidth="3" />
    </Svg>
  );
}

export function BackIcon() {
  return (
    <Svg>
      <path d="M28 10L14 24l14 14" />
    </Svg>
  );
}

export function HomeIcon() {
  return (
    <Svg>
      <path d="M6 22L24 7l18 15M11 18v22h26V18" />
      <path d="M20 40V28h8v12" />
    </Svg>
  );
}

export function ChevronIcon() {
  return (
    <Svg>
      <path d="M18 10l14 14-14 14" />
    </Svg>
  );
}

export function SearchIcon() {
  return (
    <Svg>
      <circle cx="20" cy="20" r="12" />
      <path d="M29 29l12 12" />
    </Svg>
  );
}

export function PrinterIcon() {
  return (
    <Svg>
      <path d="M14 18V6h20v12M14 36H8V18h32v18h-6" />
      <path d="M14 28h20v14H14z" />
    </Svg>
  );
}

export function ClockIcon() {
  return (
    <Svg>
      <circle cx="24" cy="24" r="18" />
      <path d="M24 13v11l7 5" />
    </Svg>
  );
}

/** A calendar page with a tick: a booked appointment. */
export function CalendarIcon() {
  return (
    <Svg>
      <path d="M8 11h32v30H8z" />
      <path d="M8 19h32M16 6v9M32 6v9" />
      <path d="M17 30l5 5 9-9" />
    </Svg>
  );
}
