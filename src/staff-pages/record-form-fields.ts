/** The shapes the record form's templates render: sections of groups of GOV.UK fields. */
export interface FormField {
  kind: 'text' | 'textarea' | 'select' | 'radios' | 'checkboxes' | 'checkbox' | 'date';
  id: string;
  label: string;
  hint?: string;
  value?: string;
  error?: string;
  options?: { value: string; text: string; checked: boolean }[];
  day?: string;
  month?: string;
  year?: string;
  inline?: boolean;
}

export interface FormGroup {
  heading?: string;
  fields: FormField[];
}

export interface FormSection {
  id: string;
  heading: string;
  hint?: string;
  groups: FormGroup[];
  /** Read-only facts the chair reads and does not type (reports received, the letter before proceedings). */
  facts?: { key: string; value: string }[];
}
