import type { ReactNode } from "react";

/** A whole-screen message, readable from across the room. */
export function MessageScreen({
  title,
  children,
  tone,
}: {
  title: string;
  children?: ReactNode;
  tone?: "negative";
}) {
  return (
    <main className="tv tv-message-screen">
      <div className="tv-message">
        <h1 className={tone ? `tv-${tone}` : undefined}>{title}</h1>
        {children && <p>{children}</p>}
      </div>
    </main>
  );
}
