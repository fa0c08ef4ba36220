import { Module } from '@nestjs/common';
import { AuthModule } from '#src/modules/auth/auth.module.js';
import { ChecklistsModule } from '#src/modules/checklists/checklists.module.js';
import { CxModule } from '#src/modules/cx/cx.module.js';
import { JourneyMapModule } from '#src/modules/journey-map/journey-map.module.js';
import { SeparationsModule } from '#src/modules/separations/separations.module.js';
import { SurveysModule } from '#src/modules/surveys/surveys.module.js';
import { BoardService } from './board.service.js';
import { InsightsPageService } from './insights-page.service.js';
import { AssetsController, BoardPageController, InsightsPageController, SignInPageController, SurveyPageController } from './pages.controller.js';
import { PagesRepository } from './pages.repository.js';
import { SignInPageService } from './signin-page.service.js';
import { SurveyPageService } from './survey-page.service.js';

/**
 * The pages people use (docs/pages.md): the survey page, sign-in, HR's checklist board, my
 * tasks and the leader's dashboard, server-rendered over the same services as the API.
 */
@Module({
  imports: [AuthModule, SurveysModule, ChecklistsModule, CxModule, JourneyMapModule, SeparationsModule],
  controllers: [SurveyPageController, SignInPageController, BoardPageController, InsightsPageController, AssetsController],
  providers: [SurveyPageService, SignInPageService, BoardService, InsightsPageService, PagesRepository],
})
export class PagesModule {}
