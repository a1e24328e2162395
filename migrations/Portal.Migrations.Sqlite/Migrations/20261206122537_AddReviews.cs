using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    quarter = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    scope_team_ids = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    reopened_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    reopened_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reopen_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reviews", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "review_action_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    review_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    owner_team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    signal = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    target_level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    status_note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    closed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    status_changed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    debt_item_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    initiative_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_action_items", x => x.id);
                    table.ForeignKey(
                        name: "FK_review_action_items_reviews_review_id",
                        column: x => x.review_id,
                        principalTable: "reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_review_action_items_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_review_action_items_teams_owner_team_id",
                        column: x => x.owner_team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "review_closings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    review_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    phase = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    done = table.Column<int>(type: "INTEGER", nullable: false),
                    total = table.Column<int>(type: "INTEGER", nullable: false),
                    requested_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    requested_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    heartbeat_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_closings", x => x.id);
                    table.ForeignKey(
                        name: "FK_review_closings_reviews_review_id",
                        column: x => x.review_id,
                        principalTable: "reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_notes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    review_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    signal = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_notes", x => x.id);
                    table.ForeignKey(
                        name: "FK_review_notes_reviews_review_id",
                        column: x => x.review_id,
                        principalTable: "reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_review_notes_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "review_snapshots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    review_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    quarter = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    complete = table.Column<bool>(type: "INTEGER", nullable: false),
                    taken_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    framework_version = table.Column<int>(type: "INTEGER", nullable: false),
                    criterion_keys = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    services = table.Column<int>(type: "INTEGER", nullable: false),
                    content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_snapshots", x => x.id);
                    table.ForeignKey(
                        name: "FK_review_snapshots_reviews_review_id",
                        column: x => x.review_id,
                        principalTable: "reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "initiatives",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    signal = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    target_level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    scope_team_ids = table.Column<string>(type: "TEXT", nullable: false),
                    max_tier = table.Column<int>(type: "INTEGER", nullable: true),
                    owner_team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    from_action_item_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_initiatives", x => x.id);
                    table.ForeignKey(
                        name: "FK_initiatives_review_action_items_from_action_item_id",
                        column: x => x.from_action_item_id,
                        principalTable: "review_action_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_initiatives_teams_owner_team_id",
                        column: x => x.owner_team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "review_snapshot_services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    snapshot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    team = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    team_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    tier = table.Column<int>(type: "INTEGER", nullable: false),
                    overall = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    levels = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    statuses = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    failing = table.Column<int>(type: "INTEGER", nullable: false),
                    flagged = table.Column<int>(type: "INTEGER", nullable: false),
                    exempt = table.Column<int>(type: "INTEGER", nullable: false),
                    detail = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_snapshot_services", x => x.id);
                    table.ForeignKey(
                        name: "FK_review_snapshot_services_review_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "review_snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_initiatives_from_action_item_id",
                table: "initiatives",
                column: "from_action_item_id");

            migrationBuilder.CreateIndex(
                name: "IX_initiatives_owner_team_id",
                table: "initiatives",
                column: "owner_team_id");

            migrationBuilder.CreateIndex(
                name: "IX_initiatives_status_due_on",
                table: "initiatives",
                columns: new[] { "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "IX_review_action_items_owner_team_id_status",
                table: "review_action_items",
                columns: new[] { "owner_team_id", "status" });

            migrationBuilder.CreateIndex(
                name: "IX_review_action_items_review_id_due_on",
                table: "review_action_items",
                columns: new[] { "review_id", "due_on" });

            migrationBuilder.CreateIndex(
                name: "IX_review_action_items_service_id",
                table: "review_action_items",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "IX_review_closings_review_id_requested_at",
                table: "review_closings",
                columns: new[] { "review_id", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "IX_review_notes_review_id_created_at",
                table: "review_notes",
                columns: new[] { "review_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_review_notes_team_id",
                table: "review_notes",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "IX_review_snapshot_services_snapshot_id_service",
                table: "review_snapshot_services",
                columns: new[] { "snapshot_id", "service" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_review_snapshot_services_snapshot_id_team",
                table: "review_snapshot_services",
                columns: new[] { "snapshot_id", "team" });

            migrationBuilder.CreateIndex(
                name: "IX_review_snapshots_quarter_complete",
                table: "review_snapshots",
                columns: new[] { "quarter", "complete" });

            migrationBuilder.CreateIndex(
                name: "IX_review_snapshots_review_id_revision",
                table: "review_snapshots",
                columns: new[] { "review_id", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reviews_quarter",
                table: "reviews",
                column: "quarter",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "initiatives");

            migrationBuilder.DropTable(
                name: "review_closings");

            migrationBuilder.DropTable(
                name: "review_notes");

            migrationBuilder.DropTable(
                name: "review_snapshot_services");

            migrationBuilder.DropTable(
                name: "review_action_items");

            migrationBuilder.DropTable(
                name: "review_snapshots");

            migrationBuilder.DropTable(
                name: "reviews");
        }
    }
}
