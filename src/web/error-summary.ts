/** The GOV.UK error summary: each message once at the top, linked to its field, and again beside the field. */
export function summary(errors: Record<string, string>) {
  const list = Object.entries(errors).map(([field, text]) => ({ href: `#${field}`, text }));
  return { hasErrors: list.length > 0, errorList: list, errors };
}
