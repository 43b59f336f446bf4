import { Global, Module } from '@nestjs/common';
import { AccessPolicy } from './access-policy';
import { MeetingAccessGuard } from './meeting-part.decorator';

/** Who may see and change what: one policy, used by every controller and every list (DESIGN.md "Rooms"). */
@Global()
@Module({ providers: [AccessPolicy, MeetingAccessGuard], exports: [AccessPolicy, MeetingAccessGuard] })
export class AccessModule {}
