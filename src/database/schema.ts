import { CreateMinutes1764000000003 } from './migrations/1764000000003-create-minutes';
import { CreateIdempotencyKeys1764000000004 } from './migrations/1764000000004-create-idempotency-keys';
import { CreateSafetyAndAccess1764000000005 } from './migrations/1764000000005-create-safety-and-access';
import { IndexPendingDeliveriesByRecipient1764000000006 } from './migrations/1764000000006-index-pending-deliveries-by-recipient';
import { AddPersonStaffRole1764000000007 } from './migrations/1764000000007-add-person-staff-role';
import { AddSessionSequence1764000000008 } from './migrations/1764000000008-add-session-sequence';
import { MeetingHeldOnLastPart1764000001802 } from './migrations/1764000001802-meeting-held-on-last-part';
import { MinutesDecisionsSharedAt1764000001804 } from './migrations/1764000001804-minutes-decisions-shared-at';
import { StaffArePeople1764000001600 } from './migrations/1764000001600-staff-are-people';
import { CreateInboundMessages1764000002301 } from './migrations/1764000002301-create-inbound-messages';
import { DeliveryStatusBounced1764000002302 } from './migrations/1764000002302-delivery-status-bounced';
import { CreateDocuments1764000000002 } from './migrations/1764000000002-create-documents';
import { CreateDirectoryAndCases1764000000000 } from './migrations/1764000000000-create-directory-and-cases';
import { CreateMeetingsAndOutbox1764000000001 } from './migrations/1764000000001-create-meetings-and-outbox';
import { ScrubPersonalLinksAtRest1764000017001 } from './migrations/1764000017001-scrub-personal-links-at-rest';
import { AddParticipantCaseIds1764000017002 } from './migrations/1764000017002-add-participant-case-ids';
import { CreateMinutesReturns1764000022131 } from './migrations/1764000022131-create-minutes-returns';
import { CaseAndPersonChanges1764000022001 } from './migrations/1764000022001-case-and-person-changes';
import { CreateHelpRequests1764000022121 } from './migrations/1764000022121-create-help-requests';
import { TextMessages1764000023101 } from './migrations/1764000023101-text-messages';
import { DocumentKindWrittenAgreement1764000024101 } from './migrations/1764000024101-document-kind-written-agreement';
import { InboundRejected1764000025001 } from './migrations/1764000025001-inbound-rejected';
import { IndexSweepsReportsAndPages1764000026001 } from './migrations/1764000026001-index-sweeps-reports-and-pages';
import { IndexFailedDeliveries1764000026101 } from './migrations/1764000026101-index-failed-deliveries';
import { MeetingReportFacts1764000027001 } from './migrations/1764000027001-meeting-report-facts';
import { CreateStaffAccountsAndSessions1764000002001 } from './migrations/1764000002001-create-staff-accounts-and-sessions';

/**
 * The migrations as class references (not globs), so the same list works under ts-jest and node. A new feature adds
 * its migration here, and registers its entities with `TypeOrmModule.forFeature` in its own module (the database
 * module loads them from there: it imports no feature folder).
 */
export const MIGRATIONS = [
  CreateDirectoryAndCases1764000000000,
  CreateMeetingsAndOutbox1764000000001,
  CreateDocuments1764000000002,
  CreateMinutes1764000000003,
  CreateIdempotencyKeys1764000000004,
  CreateSafetyAndAccess1764000000005,
  IndexPendingDeliveriesByRecipient1764000000006,
  AddPersonStaffRole1764000000007,
  AddSessionSequence1764000000008,
  StaffArePeople1764000001600,
  MeetingHeldOnLastPart1764000001802,
  MinutesDecisionsSharedAt1764000001804,
  CreateStaffAccountsAndSessions1764000002001,
  CreateInboundMessages1764000002301,
  DeliveryStatusBounced1764000002302,
  ScrubPersonalLinksAtRest1764000017001,
  AddParticipantCaseIds1764000017002,
  CaseAndPersonChanges1764000022001,
  CreateHelpRequests1764000022121,
  CreateMinutesReturns1764000022131,
  TextMessages1764000023101,
  DocumentKindWrittenAgreement1764000024101,
  InboundRejected1764000025001,
  IndexSweepsReportsAndPages1764000026001,
  IndexFailedDeliveries1764000026101,
  MeetingReportFacts1764000027001,
];
