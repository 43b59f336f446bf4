import { Injectable, PipeTransform } from '@nestjs/common';
import { Problem } from './problem';

/** A UUID as PostgreSQL's uuid type reads it (any version): the one pattern every id check uses. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in the path that is not a UUID cannot name anything: 404, as for an unknown id. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw Problem.notFound(`The record "${value.slice(0, 40)}"`);
    return value;
  }
}
