import { Module } from '@nestjs/common';
import { AuthModule } from '#src/modules/auth/auth.module.js';
import { ChecklistsModule } from '#src/modules/checklists/checklists.module.js';
import { SurveysModule } from '#src/modules/surveys/surveys.module.js';
import { BoardService } from './board.service.js';
import { AssetsController, BoardPageController, SignInPageController, SurveyPageController } from './pages.controller.js';
import { PagesRepository } from './pages.repository.js';
import { SignInPageService } from './signin-page.service.js';
import { SurveyPageService } from './survey-page.service.js';

/**
 * The pages people use (docs/pages.md): the survey page, sign-in, HR's checklist board and my
 * tasks, server-rendered over the same services as the API.
 */
@Module({
  imports: [AuthModule, SurveysModule, ChecklistsModule],
  controllers: [SurveyPageController, SignInPageController, BoardPageController, AssetsController],
  providers: [SurveyPageService, SignInPageService, BoardService, PagesRepository],
})
export class PagesModule {}
