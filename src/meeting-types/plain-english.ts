import type { MeetingType } from './meeting-types';

/**
 * What each meeting is, in plain English, for the family's and partners' page (`/p/:token`, issue 21): written once
 * per type beside the rules, so a new type does not compile until someone has said what it is to the people invited.
 * Short sentences, no acronyms left unexplained, "you" for the reader (a parent, a carer, a young person or a
 * professional from another agency).
 */
export interface PlainEnglish {
  /** What the meeting is for and what happens at it, one paragraph per entry. */
  whatHappens: readonly string[];
  /** Bringing someone with them: a supporter, an advocate or (where the law gives one) a solicitor. */
  supporter: string;
  interpreter: string;
  /** Sending their views in writing before the meeting (on this page, or by the social worker). */
  viewsInWriting: string;
}

const INTERPRETER =
  'If you would like an interpreter, or a signer, tell us on this page (“I need help to take part”). We will book one and pay for it. Please do not ask a child or a family member to interpret.';

const VIEWS =
  'If you cannot come, or you find it hard to speak at meetings, you can send your views in writing before the meeting. You can send them on this page. The chair will make sure they are heard.';

export const PLAIN_ENGLISH: Readonly<Record<MeetingType, PlainEnglish>> = {
  STRATEGY: {
    whatHappens: [
      'A strategy discussion is a meeting between professionals: children’s social care, the police, health and others who know the child.',
      'They share what they know about a worry for a child’s safety and decide what to do next, for example whether to make enquiries (a section 47 enquiry).',
      'Families are not usually at this meeting. The social worker will tell you what was decided.',
    ],
    supporter:
      'If you have been invited, you may bring someone to support you. Tell us on this page if you need to bring someone.',
    interpreter: INTERPRETER,
    viewsInWriting: VIEWS,
  },
  ICPC: {
    whatHappens: [
      'An initial child protection conference is a meeting about whether a child is at risk of significant harm, and what help and protection the child and family need.',
      'Parents, and the child when old enough, are invited with the professionals who know the family: the social worker, the school, health and often the police. An independent chair, who is not the social worker, runs the meeting.',
      'Everyone shares what they know, including the good things. The chair makes sure you can say what you think. At the end the meeting decides whether the child needs a child protection plan, and if so what it should say.',
      'Sometimes part of the meeting is held separately, so that each person can speak freely. This page shows only the parts you are invited to.',
    ],
    supporter: 'You may bring a friend, a relative or an advocate to support you. You may also bring a solicitor.',
    interpreter: INTERPRETER,
    viewsInWriting: VIEWS,
  },
  RCPC: {
    whatHappens: [
      'A review child protection conference looks at how the child protection plan is going: what has got better, what still worries people, and what should happen next.',
      'Parents, the child when old enough, and the professionals who work with the family are invited. An independent chair runs the meeting.',
      'At the end the meeting decides whether the child still needs a child protection plan, and what the plan should say.',
    ],
    supporter:
      'You may bring a friend, a relative or an advocate to support you. You may also bring a solicitor to support you.',
    interpreter: INTERPRETER,
    viewsInWriting: VIEWS,
  },
  CORE_GROUP: {
    whatHappens: [
      'A core group meeting is a working meeting of the family and the professionals who carry out the child protection plan.',
      'You talk about what has been done since the last meeting, what is going well, what is hard and who will do what next.',
    ],
    supporter: 'You may bring a friend, a relative or an advocate to support you.',
    interpreter: INTERPRETER,
    viewsInWriting: VIEWS,
  },
  LAC_REVIEW: {
    whatHappens: [
      'A looked-after child review is a meeting about a child or young person who is looked after by the council: where they live, their health, school, family time and plans for the future.',
      'It is run by an independent reviewing officer, who makes sure the plan for the child is right and that the child’s wishes and feelings are heard. The young person can be there for all or part of it, or share their views in another way.',
      'The meeting may be held in parts, so that the young person, their parents and their carers can each speak. This page shows only the parts you are invited to.',
    ],
    supporter:
      'You may bring a friend, a relative or an advocate to support you. Children and young people can have an independent advocate: ask the social worker or the independent reviewing officer.',
    interpreter: INTERPRETER,
    viewsInWriting: VIEWS,
  },
  CIN_REVIEW: {
    whatHappens: [
      'A child in need review looks at the help your family is getting under the child in need plan, and whether it is working.',
      'You, the child when old enough, the social worker and the other people helping your family talk about what has changed and agree what happens next: carry on, change the plan, or close the case.',
    ],
    supporter: 'You may bring a friend, a relative or an advocate to support you.',
    interpreter: INTERPRETER,
    viewsInWriting: VIEWS,
  },
  PLO: {
    whatHappens: [
      'A pre-proceedings meeting (the Public Law Outline, or PLO) is held because the council is worried enough about a child that it is thinking about going to court.',
      'At the meeting the council explains its worries and what needs to change, and you can say what you think and what help you need. The aim is to make things better so that court is not needed.',
    ],
    supporter:
      'You should bring your solicitor. Legal advice for this meeting is free for parents, whatever your income: the letter you were sent tells you how to find a solicitor. You may also bring a friend or an advocate.',
    interpreter: INTERPRETER,
    viewsInWriting: VIEWS,
  },
  MARAC: {
    whatHappens: [
      'A multi-agency risk assessment conference (MARAC) is a meeting of professionals about people at high risk of serious harm from domestic abuse.',
      'The police, health, housing, children’s services, an independent domestic violence adviser and others share what they know and agree actions to keep the person and any children safe.',
      'The person at risk does not usually come. Their independent domestic violence adviser speaks for them and tells the meeting what they want.',
    ],
    supporter:
      'If you are the person at risk, an independent domestic violence adviser can support you and speak for you at the meeting.',
    interpreter: INTERPRETER,
    viewsInWriting:
      'If you are the person at risk, you can tell your independent domestic violence adviser what you want the meeting to know. Professionals can send information on this page before the meeting.',
  },
};

export function plainEnglishOf(type: string): PlainEnglish | null {
  return (PLAIN_ENGLISH as Record<string, PlainEnglish | undefined>)[type] ?? null;
}
