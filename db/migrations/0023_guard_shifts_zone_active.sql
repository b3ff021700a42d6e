CREATE TABLE "guard_shifts" (
	"id" text PRIMARY KEY NOT NULL,
	"zone_id" text NOT NULL,
	"user_id" text NOT NULL,
	"shift_date" date NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "zones" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "guard_shifts" ADD CONSTRAINT "guard_shifts_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guard_shifts" ADD CONSTRAINT "guard_shifts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "guard_shifts_zone_idx" ON "guard_shifts" USING btree ("zone_id","starts_at");--> statement-breakpoint
CREATE INDEX "guard_shifts_user_idx" ON "guard_shifts" USING btree ("user_id","starts_at");--> statement-breakpoint
CREATE INDEX "guard_shifts_date_idx" ON "guard_shifts" USING btree ("shift_date","id");