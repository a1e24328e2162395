using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InitialCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hint = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_used_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_tokens", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entity_key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    before = table.Column<string>(type: "TEXT", nullable: true),
                    after = table.Column<string>(type: "TEXT", nullable: true),
                    correlation_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    succeeded = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "catalog_snapshots",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    day = table.Column<DateTime>(type: "TEXT", nullable: false),
                    services = table.Column<int>(type: "INTEGER", nullable: false),
                    teams = table.Column<int>(type: "INTEGER", nullable: false),
                    people = table.Column<int>(type: "INTEGER", nullable: false),
                    dependencies = table.Column<int>(type: "INTEGER", nullable: false),
                    unowned_services = table.Column<int>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_catalog_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    friendly_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    xml = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "graph_state",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_graph_state", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    git_hub_login = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    @namespace = table.Column<string>(name: "namespace", type: "TEXT", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    source_location = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    is_orphaned = table.Column<bool>(type: "INTEGER", nullable: false),
                    annotations = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    search_text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "teams",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    parent_team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    contact_channel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    is_gone = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    @namespace = table.Column<string>(name: "namespace", type: "TEXT", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    source_location = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    is_orphaned = table.Column<bool>(type: "INTEGER", nullable: false),
                    annotations = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    search_text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams", x => x.id);
                    table.ForeignKey(
                        name: "FK_teams_teams_parent_team_id",
                        column: x => x.parent_team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "domains",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    @namespace = table.Column<string>(name: "namespace", type: "TEXT", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    source_location = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    is_orphaned = table.Column<bool>(type: "INTEGER", nullable: false),
                    annotations = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    search_text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_domains", x => x.id);
                    table.ForeignKey(
                        name: "FK_domains_teams_owner_team_id",
                        column: x => x.owner_team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "on_call_rotations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    shift_length_days = table.Column<int>(type: "INTEGER", nullable: false),
                    handoff_time = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    time_zone_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    start_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    external_schedule_provider = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    external_schedule_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_on_call_rotations", x => x.id);
                    table.ForeignKey(
                        name: "FK_on_call_rotations_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "team_memberships",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_team_memberships", x => x.id);
                    table.ForeignKey(
                        name: "FK_team_memberships_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_team_memberships_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "systems",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    domain_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    @namespace = table.Column<string>(name: "namespace", type: "TEXT", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    source_location = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    is_orphaned = table.Column<bool>(type: "INTEGER", nullable: false),
                    annotations = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    search_text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_systems", x => x.id);
                    table.ForeignKey(
                        name: "FK_systems_domains_domain_id",
                        column: x => x.domain_id,
                        principalTable: "domains",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_systems_teams_owner_team_id",
                        column: x => x.owner_team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "on_call_overrides",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rotation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    start_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    end_utc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_on_call_overrides", x => x.id);
                    table.ForeignKey(
                        name: "FK_on_call_overrides_on_call_rotations_rotation_id",
                        column: x => x.rotation_id,
                        principalTable: "on_call_rotations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_on_call_overrides_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "on_call_participants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rotation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_on_call_participants", x => x.id);
                    table.ForeignKey(
                        name: "FK_on_call_participants_on_call_rotations_rotation_id",
                        column: x => x.rotation_id,
                        principalTable: "on_call_rotations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_on_call_participants_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "apis",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    lifecycle = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    owner_team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    system_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    definition = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    @namespace = table.Column<string>(name: "namespace", type: "TEXT", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    source_location = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    is_orphaned = table.Column<bool>(type: "INTEGER", nullable: false),
                    annotations = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    search_text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_apis", x => x.id);
                    table.ForeignKey(
                        name: "FK_apis_systems_system_id",
                        column: x => x.system_id,
                        principalTable: "systems",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_apis_teams_owner_team_id",
                        column: x => x.owner_team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "resources",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    owner_team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    system_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    @namespace = table.Column<string>(name: "namespace", type: "TEXT", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    source_location = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    is_orphaned = table.Column<bool>(type: "INTEGER", nullable: false),
                    annotations = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    search_text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resources", x => x.id);
                    table.ForeignKey(
                        name: "FK_resources_systems_system_id",
                        column: x => x.system_id,
                        principalTable: "systems",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_resources_teams_owner_team_id",
                        column: x => x.owner_team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    tier = table.Column<int>(type: "INTEGER", nullable: false),
                    lifecycle = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    system_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    owner_team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    on_call_team_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    owner_ref = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    repository_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    tags = table.Column<string>(type: "TEXT", nullable: false),
                    links = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    @namespace = table.Column<string>(name: "namespace", type: "TEXT", maxLength: 63, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    description = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    source_location = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    is_orphaned = table.Column<bool>(type: "INTEGER", nullable: false),
                    annotations = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    search_text = table.Column<string>(type: "TEXT", maxLength: 12000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_services", x => x.id);
                    table.ForeignKey(
                        name: "FK_services_systems_system_id",
                        column: x => x.system_id,
                        principalTable: "systems",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_services_teams_on_call_team_id",
                        column: x => x.on_call_team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_services_teams_owner_team_id",
                        column: x => x.owner_team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "dependencies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    source_service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    target_service_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    target_resource_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    timeout_ms = table.Column<int>(type: "INTEGER", nullable: true),
                    retries = table.Column<int>(type: "INTEGER", nullable: true),
                    backoff = table.Column<bool>(type: "INTEGER", nullable: true),
                    circuit_breaker = table.Column<bool>(type: "INTEGER", nullable: true),
                    fallback = table.Column<bool>(type: "INTEGER", nullable: true),
                    bulkhead = table.Column<bool>(type: "INTEGER", nullable: true),
                    criticality = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    access = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dependencies", x => x.id);
                    table.CheckConstraint("ck_dependencies_one_target", "(target_service_id IS NULL) <> (target_resource_id IS NULL)");
                    table.ForeignKey(
                        name: "FK_dependencies_resources_target_resource_id",
                        column: x => x.target_resource_id,
                        principalTable: "resources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_dependencies_services_source_service_id",
                        column: x => x.source_service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_dependencies_services_target_service_id",
                        column: x => x.target_service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_apis",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    api_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    relation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_apis", x => x.id);
                    table.ForeignKey(
                        name: "FK_service_apis_apis_api_id",
                        column: x => x.api_id,
                        principalTable: "apis",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_service_apis_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "graph_state",
                columns: new[] { "id", "version" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_hash",
                table: "api_tokens",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_apis_namespace_name",
                table: "apis",
                columns: new[] { "namespace", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_apis_owner_team_id",
                table: "apis",
                column: "owner_team_id");

            migrationBuilder.CreateIndex(
                name: "IX_apis_system_id",
                table: "apis",
                column: "system_id");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_at",
                table: "audit_entries",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_entity_type_entity_key",
                table: "audit_entries",
                columns: new[] { "entity_type", "entity_key" });

            migrationBuilder.CreateIndex(
                name: "IX_catalog_snapshots_day",
                table: "catalog_snapshots",
                column: "day",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dependencies_source_service_id_target_resource_id",
                table: "dependencies",
                columns: new[] { "source_service_id", "target_resource_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dependencies_source_service_id_target_service_id",
                table: "dependencies",
                columns: new[] { "source_service_id", "target_service_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dependencies_target_resource_id",
                table: "dependencies",
                column: "target_resource_id");

            migrationBuilder.CreateIndex(
                name: "IX_dependencies_target_service_id",
                table: "dependencies",
                column: "target_service_id");

            migrationBuilder.CreateIndex(
                name: "IX_domains_namespace_name",
                table: "domains",
                columns: new[] { "namespace", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_domains_owner_team_id",
                table: "domains",
                column: "owner_team_id");

            migrationBuilder.CreateIndex(
                name: "IX_on_call_overrides_person_id",
                table: "on_call_overrides",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "IX_on_call_overrides_rotation_id_end_utc",
                table: "on_call_overrides",
                columns: new[] { "rotation_id", "end_utc" });

            migrationBuilder.CreateIndex(
                name: "IX_on_call_participants_person_id",
                table: "on_call_participants",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "IX_on_call_participants_rotation_id_position",
                table: "on_call_participants",
                columns: new[] { "rotation_id", "position" });

            migrationBuilder.CreateIndex(
                name: "IX_on_call_rotations_team_id_level",
                table: "on_call_rotations",
                columns: new[] { "team_id", "level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_people_email",
                table: "people",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "IX_people_git_hub_login",
                table: "people",
                column: "git_hub_login");

            migrationBuilder.CreateIndex(
                name: "IX_people_namespace_name",
                table: "people",
                columns: new[] { "namespace", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resources_namespace_name",
                table: "resources",
                columns: new[] { "namespace", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_resources_owner_team_id",
                table: "resources",
                column: "owner_team_id");

            migrationBuilder.CreateIndex(
                name: "IX_resources_system_id",
                table: "resources",
                column: "system_id");

            migrationBuilder.CreateIndex(
                name: "IX_service_apis_api_id",
                table: "service_apis",
                column: "api_id");

            migrationBuilder.CreateIndex(
                name: "IX_service_apis_service_id_api_id_relation",
                table: "service_apis",
                columns: new[] { "service_id", "api_id", "relation" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_services_kind",
                table: "services",
                column: "kind");

            migrationBuilder.CreateIndex(
                name: "IX_services_lifecycle_name",
                table: "services",
                columns: new[] { "lifecycle", "name" });

            migrationBuilder.CreateIndex(
                name: "IX_services_name",
                table: "services",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "IX_services_namespace_name",
                table: "services",
                columns: new[] { "namespace", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_services_on_call_team_id",
                table: "services",
                column: "on_call_team_id");

            migrationBuilder.CreateIndex(
                name: "IX_services_owner_team_id",
                table: "services",
                column: "owner_team_id");

            migrationBuilder.CreateIndex(
                name: "IX_services_system_id",
                table: "services",
                column: "system_id");

            migrationBuilder.CreateIndex(
                name: "IX_services_tier_name",
                table: "services",
                columns: new[] { "tier", "name" });

            migrationBuilder.CreateIndex(
                name: "IX_systems_domain_id",
                table: "systems",
                column: "domain_id");

            migrationBuilder.CreateIndex(
                name: "IX_systems_namespace_name",
                table: "systems",
                columns: new[] { "namespace", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_systems_owner_team_id",
                table: "systems",
                column: "owner_team_id");

            migrationBuilder.CreateIndex(
                name: "IX_team_memberships_person_id",
                table: "team_memberships",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "IX_team_memberships_team_id_person_id",
                table: "team_memberships",
                columns: new[] { "team_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_teams_namespace_name",
                table: "teams",
                columns: new[] { "namespace", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_teams_parent_team_id",
                table: "teams",
                column: "parent_team_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "catalog_snapshots");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "dependencies");

            migrationBuilder.DropTable(
                name: "graph_state");

            migrationBuilder.DropTable(
                name: "on_call_overrides");

            migrationBuilder.DropTable(
                name: "on_call_participants");

            migrationBuilder.DropTable(
                name: "service_apis");

            migrationBuilder.DropTable(
                name: "team_memberships");

            migrationBuilder.DropTable(
                name: "resources");

            migrationBuilder.DropTable(
                name: "on_call_rotations");

            migrationBuilder.DropTable(
                name: "apis");

            migrationBuilder.DropTable(
                name: "services");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "systems");

            migrationBuilder.DropTable(
                name: "domains");

            migrationBuilder.DropTable(
                name: "teams");
        }
    }
}
