using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddDebtRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "debt_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    signal = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    quadrant = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    likelihood = table.Column<int>(type: "INTEGER", nullable: false),
                    impact = table.Column<int>(type: "INTEGER", nullable: false),
                    effort_days = table.Column<double>(type: "REAL", nullable: false),
                    interest_override = table.Column<double>(type: "REAL", nullable: true),
                    pay_back_by = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    wont_fix_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    revisit_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    target_quarter = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    business_outcome = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    links = table.Column<string>(type: "TEXT", nullable: false),
                    owner_team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    owner_overridden = table.Column<bool>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    external_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    finding_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    done_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    interest_hours_per_month = table.Column<double>(type: "REAL", nullable: false),
                    cost_of_delay = table.Column<double>(type: "REAL", nullable: false),
                    priority = table.Column<double>(type: "REAL", nullable: false),
                    scored_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    search_text = table.Column<string>(type: "TEXT", maxLength: 3000, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_debt_items", x => x.id);
                    table.ForeignKey(
                        name: "FK_debt_items_teams_owner_team_id",
                        column: x => x.owner_team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "debt_scoring_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    scoring_table = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_debt_scoring_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "debt_scoring_state",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    graph_version = table.Column<long>(type: "INTEGER", nullable: false),
                    tables_version = table.Column<int>(type: "INTEGER", nullable: false),
                    scored_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    scored_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    items = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_debt_scoring_state", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "debt_item_services",
                columns: table => new
                {
                    debt_item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_debt_item_services", x => new { x.debt_item_id, x.service_id });
                    table.ForeignKey(
                        name: "FK_debt_item_services_debt_items_debt_item_id",
                        column: x => x.debt_item_id,
                        principalTable: "debt_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_debt_item_services_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "debt_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    debt_item_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    hours = table.Column<double>(type: "REAL", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    incident = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    author = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    author_display_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_debt_reports", x => x.id);
                    table.ForeignKey(
                        name: "FK_debt_reports_debt_items_debt_item_id",
                        column: x => x.debt_item_id,
                        principalTable: "debt_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_debt_item_services_service_id",
                table: "debt_item_services",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "IX_debt_items_external_url",
                table: "debt_items",
                column: "external_url",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_debt_items_finding_key",
                table: "debt_items",
                column: "finding_key");

            migrationBuilder.CreateIndex(
                name: "IX_debt_items_owner_team_id_priority",
                table: "debt_items",
                columns: new[] { "owner_team_id", "priority" });

            migrationBuilder.CreateIndex(
                name: "IX_debt_items_priority",
                table: "debt_items",
                column: "priority");

            migrationBuilder.CreateIndex(
                name: "IX_debt_items_signal_priority",
                table: "debt_items",
                columns: new[] { "signal", "priority" });

            migrationBuilder.CreateIndex(
                name: "IX_debt_items_status_priority",
                table: "debt_items",
                columns: new[] { "status", "priority" });

            migrationBuilder.CreateIndex(
                name: "IX_debt_items_target_quarter",
                table: "debt_items",
                column: "target_quarter");

            migrationBuilder.CreateIndex(
                name: "IX_debt_reports_debt_item_id_occurred_on",
                table: "debt_reports",
                columns: new[] { "debt_item_id", "occurred_on" });

            migrationBuilder.CreateIndex(
                name: "IX_debt_reports_occurred_on",
                table: "debt_reports",
                column: "occurred_on");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "debt_item_services");

            migrationBuilder.DropTable(
                name: "debt_reports");

            migrationBuilder.DropTable(
                name: "debt_scoring_settings");

            migrationBuilder.DropTable(
                name: "debt_scoring_state");

            migrationBuilder.DropTable(
                name: "debt_items");
        }
    }
}
