import { type ReactNode, useId } from "react";

interface CardProps {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** Columns of the 12-column page grid the card spans. */
  span?: 3 | 4 | 5 | 6 | 7 | 8 | 12;
  id?: string;
}

/** A titled section of a page; its heading names it for screen readers. */
export function Card({ title, description, actions, children, className, span, id }: CardProps) {
  const headingId = useId();
  const classes = ["card", span ? `span-${span}` : "", className ?? ""].filter(Boolean).join(" ");
  return (
    <section className={classes} aria-labelledby={title ? headingId : undefined} id={id}>
      {(title || actions) && (
        <header className="card-header">
          <div>
            {title && (
              <h2 id={headingId} className="card-title">
                {title}
              </h2>
            )}
            {description && <p className="card-description">{description}</p>}
          </div>
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
