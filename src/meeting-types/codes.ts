/**
 * The codes the rules table, the access rules and the labels (labels.ts) speak of, each listed once. They are
 * stored in the columns of entities in other folders (cases, prereads, meetings), which re-export them beside the
 * column; listed here, below those folders, so that the table and the labels import no feature folder.
 */

export const CASE_KINDS = ['CHILD', 'ADULT_VICTIM'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const DOCUMENT_AUDIENCES = ['PROFESSIONALS', 'ALL_PARTICIPANTS'] as const;
export type DocumentAudience = (typeof DOCUMENT_AUDIENCES)[number];
/** A pre-read (REPORT), or the signed PLO written agreement (issue 22). */
export const DOCUMENT_KINDS = ['REPORT', 'WRITTEN_AGREEMENT'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const MEETING_FORMATS = ['IN_PERSON', 'VIRTUAL', 'HYBRID'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
export const MEETING_STATUSES = ['SCHEDULED', 'CANCELLED'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const RSVP_STATUSES = ['NEEDS_ACTION', 'ACCEPTED', 'DECLINED', 'TENTATIVE'] as const;
export type Rsvp = (typeof RSVP_STATUSES)[number];
