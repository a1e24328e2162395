using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddScorecards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scorecard_answers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    criterion_key = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    maturity = table.Column<int>(type: "integer", nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    evidence_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    answered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    answered_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    answered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scorecard_answers", x => x.id);
                    table.ForeignKey(
                        name: "FK_scorecard_answers_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scorecard_exemptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    criterion_key = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decided_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scorecard_exemptions", x => x.id);
                    table.ForeignKey(
                        name: "FK_scorecard_exemptions_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scorecard_framework_versions",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    yaml = table.Column<string>(type: "text", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scorecard_framework_versions", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "scorecard_level_history",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    overall = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    levels = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scorecard_level_history", x => x.id);
                    table.ForeignKey(
                        name: "FK_scorecard_level_history_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scorecard_pushed_results",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    criterion_key = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    reported_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scorecard_pushed_results", x => x.id);
                    table.ForeignKey(
                        name: "FK_scorecard_pushed_results_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "scorecard_state",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    graph_version = table.Column<long>(type: "bigint", nullable: false),
                    framework_version = table.Column<int>(type: "integer", nullable: false),
                    evaluated_on = table.Column<DateOnly>(type: "date", nullable: true),
                    evaluated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    services = table.Column<int>(type: "integer", nullable: false),
                    changed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scorecard_state", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "service_scorecards",
                columns: table => new
                {
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    framework_version = table.Column<int>(type: "integer", nullable: false),
                    evaluated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    overall = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    coordination = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    data_model = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    cascading_failures = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    observability = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    delivery_pipeline = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    team_topology = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    compounding_shortcuts = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    failing = table.Column<int>(type: "integer", nullable: false),
                    flagged = table.Column<int>(type: "integer", nullable: false),
                    exempt = table.Column<int>(type: "integer", nullable: false),
                    results = table.Column<string>(type: "text", nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_scorecards", x => x.service_id);
                    table.ForeignKey(
                        name: "FK_service_scorecards_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_scorecard_answers_expires_at",
                table: "scorecard_answers",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "IX_scorecard_answers_service_id_criterion_key",
                table: "scorecard_answers",
                columns: new[] { "service_id", "criterion_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_scorecard_exemptions_service_id_criterion_key",
                table: "scorecard_exemptions",
                columns: new[] { "service_id", "criterion_key" });

            migrationBuilder.CreateIndex(
                name: "IX_scorecard_exemptions_status",
                table: "scorecard_exemptions",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_scorecard_level_history_service_id_day",
                table: "scorecard_level_history",
                columns: new[] { "service_id", "day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_scorecard_pushed_results_service_id_criterion_key",
                table: "scorecard_pushed_results",
                columns: new[] { "service_id", "criterion_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_scorecards_overall",
                table: "service_scorecards",
                column: "overall");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scorecard_answers");

            migrationBuilder.DropTable(
                name: "scorecard_exemptions");

            migrationBuilder.DropTable(
                name: "scorecard_framework_versions");

            migrationBuilder.DropTable(
                name: "scorecard_level_history");

            migrationBuilder.DropTable(
                name: "scorecard_pushed_results");

            migrationBuilder.DropTable(
                name: "scorecard_state");

            migrationBuilder.DropTable(
                name: "service_scorecards");
        }
    }
}
