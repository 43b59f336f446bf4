import { SetMetadata } from '@nestjs/common';

export const BODY_TYPES_KEY = 'quorum:body-types';

export const BODY_TYPES = {
  json: { name: 'application/json', pattern: /^application\/(?:[\w.+-]+\+)?json$/i },
  multipart: { name: 'multipart/form-data', pattern: /^multipart\/form-data$/i },
  form: { name: 'application/x-www-form-urlencoded', pattern: /^application\/x-www-form-urlencoded$/i },
} as const;
export type BodyType = keyof typeof BODY_TYPES;

/** The media types a route reads its body as; without it a route takes JSON only (API.md "Conventions"). */
export const AcceptsBody = (...types: BodyType[]) => SetMetadata(BODY_TYPES_KEY, types);
