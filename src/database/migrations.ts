import { CreateTenancyAndIdentity1764045000000 } from '#migrations/1764045000000-CreateTenancyAndIdentity.js';
import { CreateUnitsAndEmployees1795585963166 } from '#migrations/1795585963166-CreateUnitsAndEmployees.js';
import { AddFullSyncGuard1795600000000 } from '#migrations/1795600000000-AddFullSyncGuard.js';
import { CreateDomainEvents1795600100000 } from '#migrations/1795600100000-CreateDomainEvents.js';
import { CreateWebhooks1795600200000 } from '#migrations/1795600200000-CreateWebhooks.js';
import { CreatePlaybooks1795600300000 } from '#migrations/1795600300000-CreatePlaybooks.js';
import { CreateSurveys1795600400000 } from '#migrations/1795600400000-CreateSurveys.js';
import { CreateSurveyComments1795600500000 } from '#migrations/1795600500000-CreateSurveyComments.js';
import { CreateSurveyActions1795600600000 } from '#migrations/1795600600000-CreateSurveyActions.js';
import { CreateTenantSetupSteps1795600700000 } from '#migrations/1795600700000-CreateTenantSetupSteps.js';
import { CreateChecklists1795600800000 } from '#migrations/1795600800000-CreateChecklists.js';
import { AddChecklistBusinessDays1795600900000 } from '#migrations/1795600900000-AddChecklistBusinessDays.js';
import { CreateChecklistNotifications1795601000000 } from '#migrations/1795601000000-CreateChecklistNotifications.js';
import { CreateJourneyMap1795601100000 } from '#migrations/1795601100000-CreateJourneyMap.js';
import { CreateTouchpointLinks1795601200000 } from '#migrations/1795601200000-CreateTouchpointLinks.js';
import { CreateSeparations1795601300000 } from '#migrations/1795601300000-CreateSeparations.js';
import { CreateCxMetrics1795602000000 } from '#migrations/1795602000000-CreateCxMetrics.js';
import { CreateWebSessions1795603000000 } from '#migrations/1795603000000-CreateWebSessions.js';
import { AddChecklistTaskVersion1795606000000 } from '#migrations/1795606000000-AddChecklistTaskVersion.js';
import { CreateRateLimits1795606100000 } from '#migrations/1795606100000-CreateRateLimits.js';
import { CreateRecognition1795607000000 } from '#migrations/1795607000000-CreateRecognition.js';
import { CreateObservationSettings1795607100000 } from '#migrations/1795607100000-CreateObservationSettings.js';
import { CreateVoice1795607200000 } from '#migrations/1795607200000-CreateVoice.js';
import { AddSurveySnapshotDimensions1795610000000 } from '#migrations/1795610000000-AddSurveySnapshotDimensions.js';
import { CreateSegments1795610100000 } from '#migrations/1795610100000-CreateSegments.js';
import { CreateJobRuns1795612000000 } from '#migrations/1795612000000-CreateJobRuns.js';
import { CreateAuditLog1795613000000 } from '#migrations/1795613000000-CreateAuditLog.js';
import { CreateEmployeeErasures1795613100000 } from '#migrations/1795613100000-CreateEmployeeErasures.js';
import { EnableTenantRowSecurity1795619900000 } from '#migrations/1795619900000-EnableTenantRowSecurity.js';

/** Every migration, oldest first. Files live in /migrations; register each new one here. */
export const MIGRATIONS: Function[] = [
  CreateTenancyAndIdentity1764045000000,
  CreateUnitsAndEmployees1795585963166,
  AddFullSyncGuard1795600000000,
  CreateDomainEvents1795600100000,
  CreateWebhooks1795600200000,
  CreatePlaybooks1795600300000,
  CreateSurveys1795600400000,
  CreateSurveyComments1795600500000,
  CreateSurveyActions1795600600000,
  CreateTenantSetupSteps1795600700000,
  CreateChecklists1795600800000,
  AddChecklistBusinessDays1795600900000,
  CreateChecklistNotifications1795601000000,
  CreateJourneyMap1795601100000,
  CreateTouchpointLinks1795601200000,
  CreateSeparations1795601300000,
  CreateCxMetrics1795602000000,
  CreateWebSessions1795603000000,
  AddChecklistTaskVersion1795606000000,
  CreateRateLimits1795606100000,
  CreateRecognition1795607000000,
  CreateObservationSettings1795607100000,
  CreateVoice1795607200000,
  AddSurveySnapshotDimensions1795610000000,
  CreateSegments1795610100000,
  CreateJobRuns1795612000000,
  CreateAuditLog1795613000000,
  CreateEmployeeErasures1795613100000,
  // Covers every tenant table created above; a later migration that creates one calls
  // tandem_enable_tenant_rls itself (docs/tenancy.md).
  EnableTenantRowSecurity1795619900000,
];
