using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ServiceOnCallTeam : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "on_call_team_id",
                table: "services",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_services_on_call_team_id",
                table: "services",
                column: "on_call_team_id");

            migrationBuilder.AddForeignKey(
                name: "FK_services_teams_on_call_team_id",
                table: "services",
                column: "on_call_team_id",
                principalTable: "teams",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_services_teams_on_call_team_id",
                table: "services");

            migrationBuilder.DropIndex(
                name: "IX_services_on_call_team_id",
                table: "services");

            migrationBuilder.DropColumn(
                name: "on_call_team_id",
                table: "services");
        }
    }
}
