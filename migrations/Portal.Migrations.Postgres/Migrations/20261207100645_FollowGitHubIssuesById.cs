using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FollowGitHubIssuesById : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "git_hub_issue_id",
                table: "debt_items",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "mirrored_updated_at",
                table: "debt_items",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_debt_items_git_hub_issue_id",
                table: "debt_items",
                column: "git_hub_issue_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_debt_items_git_hub_issue_id",
                table: "debt_items");

            migrationBuilder.DropColumn(
                name: "git_hub_issue_id",
                table: "debt_items");

            migrationBuilder.DropColumn(
                name: "mirrored_updated_at",
                table: "debt_items");
        }
    }
}
