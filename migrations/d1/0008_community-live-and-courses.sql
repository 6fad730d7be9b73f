CREATE TABLE `community_drops` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`room_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`product_id` text,
	`perk` text,
	`quantity` integer NOT NULL,
	`claimed` integer DEFAULT 0 NOT NULL,
	`release_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `community_drops_community_idx` ON `community_drops` (`community_id`,`release_at`);--> statement-breakpoint
CREATE INDEX `community_drops_room_idx` ON `community_drops` (`room_id`);--> statement-breakpoint
CREATE TABLE `community_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`room_id` text NOT NULL,
	`author_id` text NOT NULL,
	`parent_id` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `community_posts_community_idx` ON `community_posts` (`community_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `community_posts_room_idx` ON `community_posts` (`room_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `assessment_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`course_id` text NOT NULL,
	`assessment_id` text NOT NULL,
	`user_id` text NOT NULL,
	`attempt` integer NOT NULL,
	`score_pct` integer NOT NULL,
	`passed` integer NOT NULL,
	`answers` text NOT NULL,
	`feedback` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_attempts_member_idx` ON `assessment_attempts` (`assessment_id`,`user_id`,`attempt`);--> statement-breakpoint
CREATE INDEX `assessment_attempts_course_user_idx` ON `assessment_attempts` (`course_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `courses` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` text NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`tier_ids` text NOT NULL,
	`status` text NOT NULL,
	`content` text NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `courses_community_idx` ON `courses` (`community_id`,`position`);--> statement-breakpoint
CREATE TABLE `lesson_completions` (
	`course_id` text NOT NULL,
	`lesson_id` text NOT NULL,
	`user_id` text NOT NULL,
	`completed_at` integer NOT NULL,
	PRIMARY KEY(`lesson_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `lesson_completions_course_user_idx` ON `lesson_completions` (`course_id`,`user_id`);