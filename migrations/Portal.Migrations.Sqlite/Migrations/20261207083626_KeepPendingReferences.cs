using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class KeepPendingReferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pending_references",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    field = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    target = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pending_references", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pending_references_record_id_field_target",
                table: "pending_references",
                columns: new[] { "record_id", "field", "target" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pending_references_target",
                table: "pending_references",
                column: "target");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pending_references");
        }
    }
}
