using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portal.Domain.Persistence;

namespace Portal.Domain.Debt.Commands;

/// <summary>
/// Writes recomputed numbers for many items at once, bypassing change tracking: one statement with arrays on
/// PostgreSQL, one prepared statement in one transaction on SQLite. A row is written only if its version is the one
/// the numbers were computed from, so an edit saved meanwhile (which scored itself) is never overwritten with older
/// numbers. Scores are derived data: writing them does not raise the item's version.
/// </summary>
internal static class DebtScoreWriter
{
    internal readonly record struct Row(Guid Id, int Version, DebtScoreValues Values);

    public static async Task WriteAsync(PortalDbContext db, IReadOnlyList<Row> rows, DateTime at, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var connection = db.Database.GetDbConnection();
            if (db.IsSqlite)
            {
                await WriteSqliteAsync(connection, transaction.GetDbTransaction(), rows, at, token);
            }
            else
            {
                await WritePostgresAsync(connection, transaction.GetDbTransaction(), rows, at, token);
            }

            await transaction.CommitAsync(token);
        }, ct);
    }

    private static async Task WritePostgresAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Row> rows, DateTime at, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE debt_items AS d
            SET interest_hours_per_month = v.i, cost_of_delay = v.c, priority = v.p, scored_at = @at
            FROM unnest(@ids, @versions, @i, @c, @p) AS v(id, version, i, c, p)
            WHERE d.id = v.id AND d.version = v.version
            """;
        Add(command, "at", at);
        Add(command, "ids", rows.Select(r => r.Id).ToArray());
        Add(command, "versions", rows.Select(r => r.Version).ToArray());
        Add(command, "i", rows.Select(r => r.Values.InterestHoursPerMonth).ToArray());
        Add(command, "c", rows.Select(r => r.Values.CostOfDelay).ToArray());
        Add(command, "p", rows.Select(r => r.Values.Priority).ToArray());
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task WriteSqliteAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Row> rows, DateTime at, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE debt_items SET interest_hours_per_month = $i, cost_of_delay = $c, priority = $p, scored_at = $at
            WHERE id = $id AND version = $version
            """;
        var id = Add(command, "$id", null);
        var version = Add(command, "$version", null);
        var i = Add(command, "$i", null);
        var c = Add(command, "$c", null);
        var p = Add(command, "$p", null);
        Add(command, "$at", at);
        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            // EF Core's SQLite provider stores GUIDs as upper-case text; match it so the WHERE finds the row.
            id.Value = row.Id.ToString().ToUpperInvariant();
            version.Value = row.Version;
            i.Value = row.Values.InterestHoursPerMonth;
            c.Value = row.Values.CostOfDelay;
            p.Value = row.Values.Priority;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static DbParameter Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
