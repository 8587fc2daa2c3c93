export function Kbd({ label }: { label: string }) {
  return (
    <kbd className="kbd" aria-hidden="true">
      {label}
    </kbd>
  );
}
