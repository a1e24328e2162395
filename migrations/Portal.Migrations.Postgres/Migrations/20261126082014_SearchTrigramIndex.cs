using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchTrigramIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Search is LIKE '%term%' over search_text; a trigram index lets PostgreSQL answer it without
            // reading every row. pg_trgm is a trusted extension, so the database owner may create it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_services_search_text_trgm ON services USING gin (search_text gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_teams_search_text_trgm ON teams USING gin (search_text gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_people_search_text_trgm ON people USING gin (search_text gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_people_search_text_trgm;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_teams_search_text_trgm;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_services_search_text_trgm;");
        }
    }
}
