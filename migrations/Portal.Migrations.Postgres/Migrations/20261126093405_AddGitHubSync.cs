using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddGitHubSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "github_repositories",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    git_hub_id = table.Column<long>(type: "bigint", nullable: false),
                    node_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    organization = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    language = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    topics = table.Column<string>(type: "text", nullable: false),
                    default_branch = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    html_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    is_archived = table.Column<bool>(type: "boolean", nullable: false),
                    is_fork = table.Column<bool>(type: "boolean", nullable: false),
                    pushed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    is_gone = table.Column<bool>(type: "boolean", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: true),
                    catalog_files = table.Column<string>(type: "text", nullable: false),
                    catalog_shas = table.Column<string>(type: "text", nullable: false),
                    code_owners_team = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    code_owners_sha = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    has_workflows = table.Column<bool>(type: "boolean", nullable: false),
                    workflow_count = table.Column<int>(type: "integer", nullable: false),
                    releases_last90days = table.Column<int>(type: "integer", nullable: true),
                    deployments_last90days = table.Column<int>(type: "integer", nullable: true),
                    default_branch_protected = table.Column<bool>(type: "boolean", nullable: true),
                    evidence_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_github_repositories", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "http_cache",
                columns: table => new
                {
                    key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    e_tag = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    status_code = table.Column<int>(type: "integer", nullable: false),
                    content_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    body = table.Column<string>(type: "text", nullable: false),
                    headers = table.Column<string>(type: "text", nullable: false),
                    stored_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_http_cache", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "sync_leases",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sync_leases", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "sync_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    scope = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    trigger = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    host = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    heartbeat_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    phase = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    repositories_total = table.Column<int>(type: "integer", nullable: false),
                    repositories_done = table.Column<int>(type: "integer", nullable: false),
                    requests = table.Column<int>(type: "integer", nullable: false),
                    not_modified = table.Column<int>(type: "integer", nullable: false),
                    retries = table.Column<int>(type: "integer", nullable: false),
                    rate_limit_remaining = table.Column<int>(type: "integer", nullable: true),
                    rate_limit_reset_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    resumptions = table.Column<int>(type: "integer", nullable: false),
                    counts = table.Column<string>(type: "text", nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sync_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    delivery_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(100)", maxLength: 100, nullable: false),
                    action = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    repository = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_deliveries", x => x.delivery_id);
                });

            migrationBuilder.CreateTable(
                name: "sync_run_errors",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    repository = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    path = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sync_run_errors", x => x.id);
                    table.ForeignKey(
                        name: "FK_sync_run_errors_sync_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "sync_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sync_run_repositories",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    git_hub_id = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sync_run_repositories", x => new { x.run_id, x.git_hub_id });
                    table.ForeignKey(
                        name: "FK_sync_run_repositories_sync_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "sync_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_github_repositories_git_hub_id",
                table: "github_repositories",
                column: "git_hub_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_github_repositories_organization_name",
                table: "github_repositories",
                columns: new[] { "organization", "name" });

            migrationBuilder.CreateIndex(
                name: "IX_github_repositories_service_id",
                table: "github_repositories",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "IX_sync_run_errors_run_id",
                table: "sync_run_errors",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "IX_sync_runs_source_started_at",
                table: "sync_runs",
                columns: new[] { "source", "started_at" });

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_received_at",
                table: "webhook_deliveries",
                column: "received_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "github_repositories");

            migrationBuilder.DropTable(
                name: "http_cache");

            migrationBuilder.DropTable(
                name: "sync_leases");

            migrationBuilder.DropTable(
                name: "sync_run_errors");

            migrationBuilder.DropTable(
                name: "sync_run_repositories");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropTable(
                name: "sync_runs");
        }
    }
}
