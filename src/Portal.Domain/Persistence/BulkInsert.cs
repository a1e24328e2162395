using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Portal.Domain.Common;

namespace Portal.Domain.Persistence;

/// <summary>
/// Writes many new rows of one simple entity type in the context's current transaction, for bulk imports: one binary
/// <c>COPY … FROM STDIN</c> on PostgreSQL, one single-row statement prepared once and run for every row on SQLite.
/// <see cref="DbContext.SaveChangesAsync(CancellationToken)"/>
/// costs about 100 µs a row at import sizes (a modification command and column list per row, a topological sort of
/// the whole batch, and on SQLite one prepared statement per row); these statements cost a few.
/// </summary>
/// <remarks>
/// What <see cref="PortalDbContext"/>'s save does for new rows is done here too: rows are stamped with the context's
/// clock, and the versions caches are keyed by are raised by the same rule (<see cref="PortalDbContext.BumpsFor"/>): the
/// graph version for graph rows (services, resources, dependencies, teams), the debt register's for debt items and their
/// services.
/// Values go through the mapping's type mappings and value converters, exactly as EF would write them. Only flat
/// entity types are accepted (no shadow, complex or owned properties); database-generated columns (an identity id)
/// are left to the database, which is why such rows cannot be tracked. No <c>SaveChanges</c>
/// interceptors or command logging run for these statements.
/// </remarks>
public static partial class BulkInsert
{

    /// <summary>
    /// Stamps new rows (not tracked yet) and tracks them as unchanged: what they will be once
    /// <see cref="InsertAsync"/> has written them. Call it before a <c>SaveChanges</c> that writes the rows they refer
    /// to: change detection then neither adds them a second time (a new membership in a touched team's collection)
    /// nor sees their stamps as changes, and navigations to them are fixed up.
    /// </summary>
    /// <exception cref="InvalidOperationException">The type has database-generated columns (an identity id).</exception>
    public static void TrackAsWritten<T>(this PortalDbContext db, IReadOnlyList<T> rows)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        if (Shape.Of(db, typeof(T)).HasGeneratedColumns)
        {
            throw new InvalidOperationException($"{typeof(T).Name} has database-generated columns; its rows cannot be tracked before they are written.");
        }

        Stamp(db, rows);
        foreach (var row in rows)
        {
            db.Entry(row).State = EntityState.Unchanged;
        }
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> (new entities: not tracked, or tracked by <see cref="TrackAsWritten"/>) in the
    /// current transaction. Rows are stamped unless <see cref="TrackAsWritten"/> did it; the rows they refer to must be
    /// written already. Untracked rows stay untracked (write-once rows such as audit entries).
    /// </summary>
    /// <exception cref="InvalidOperationException">No transaction is open, or the type is not flat.</exception>
    public static async Task InsertAsync<T>(this PortalDbContext db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Bulk inserts run inside a transaction, so a failure leaves nothing half-written.");
        var shape = Shape.Of(db, typeof(T));
        Stamp(db, rows);
        if (db.IsSqlite)
        {
            await InsertOneByOneAsync(db, transaction, shape, rows, ct);
        }
        else
        {
            await CopyAsync(db, shape, rows, ct);
        }

        await db.BumpStatesAsync(PortalDbContext.BumpsFor(typeof(T)), ct);
    }

    /// <summary>
    /// SQLite: one single-row statement, prepared once and run for every row with new values. SQLite runs in the
    /// process, so a statement costs no round trip; and Microsoft.Data.Sqlite binds each parameter by looking its
    /// name up in the whole collection, which makes statements with thousands of parameters slow.
    /// </summary>
    private static async Task InsertOneByOneAsync<T>(PortalDbContext db, IDbContextTransaction transaction, Shape shape, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        await using var command = NewCommand(db, transaction);
        var values = new System.Data.Common.DbParameter[shape.Columns.Count];
        var sql = new StringBuilder(shape.Head).Append('(');
        for (var c = 0; c < shape.Columns.Count; c++)
        {
            var name = "p" + c;
            sql.Append(c == 0 ? "" : ", ").Append(shape.Sql.GenerateParameterNamePlaceholder(name));
            values[c] = shape.Columns[c].Mapping.CreateParameter(command, shape.Sql.GenerateParameterName(name), null, shape.Columns[c].Property.IsNullable);
            command.Parameters.Add(values[c]);
        }

        command.CommandText = sql.Append(')').ToString();
        foreach (var row in rows)
        {
            for (var c = 0; c < values.Length; c++)
            {
                values[c].Value = shape.Columns[c].ProviderValue(row);
            }

            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// PostgreSQL: one binary <c>COPY</c> in the open transaction. It sends the rows as a stream with no statement to
    /// parse or plan and no parameters to bind, which at 10,000 rows of several kilobytes each is a fraction of the
    /// multi-row <c>INSERT</c>s it replaced. A failure (a key taken by another writer, a value the column refuses) throws
    /// a <see cref="PostgresException"/> when the copy completes, and the transaction is rolled back as after a failed
    /// statement: nothing of the copy is kept.
    /// </summary>
    private static async Task CopyAsync<T>(PortalDbContext db, Shape shape, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var importer = await connection.BeginBinaryImportAsync(shape.Copy, ct);
        if (db.Database.GetCommandTimeout() is { } timeout)
        {
            importer.Timeout = TimeSpan.FromSeconds(timeout);
        }

        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in shape.Columns)
            {
                var value = column.ProviderValue(row);
                if (value is DBNull)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(value, column.DataTypeName, ct);
                }
            }
        }

        await importer.CompleteAsync(ct);
    }

    private static System.Data.Common.DbCommand NewCommand(PortalDbContext db, IDbContextTransaction transaction)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        if (db.Database.GetCommandTimeout() is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        return command;
    }

    // As SaveChanges stamps an added row; a row stamped already keeps its times.
    private static void Stamp<T>(PortalDbContext db, IReadOnlyList<T> rows)
    {
        var now = db.ClockNow;
        foreach (var row in rows)
        {
            if (row is IStampedOnSave stamped)
            {
                stamped.Stamp(now, added: true);
            }
        }
    }

    [GeneratedRegex(@"\(\s*\d+(\s*,\s*\d+)?\s*\)")]
    private static partial Regex Facets();

    /// <summary>The statement heads (SQLite's <c>INSERT</c>, PostgreSQL's <c>COPY</c>) and the columns written, for one entity type.</summary>
    private sealed record Shape(string Head, string Copy, IReadOnlyList<Column> Columns, bool HasGeneratedColumns, ISqlGenerationHelper Sql)
    {
        public static Shape Of(PortalDbContext db, Type type)
        {
            var entityType = db.Model.FindEntityType(type)
                ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
            if (entityType.GetComplexProperties().Any() || entityType.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
                || entityType.GetProperties().Any(p => p.IsShadowProperty()) || entityType.BaseType is not null)
            {
                throw new InvalidOperationException($"{type.Name} is not a flat entity type; save it with SaveChanges.");
            }

            var tableName = entityType.GetTableName() ?? throw new InvalidOperationException($"{type.Name} has no table.");
            var schema = entityType.GetSchema();
            var table = StoreObjectIdentifier.Table(tableName, schema);
            var sql = db.GetService<ISqlGenerationHelper>();
            var columns = entityType.GetProperties()
                .Where(p => p.ValueGenerated == ValueGenerated.Never)
                .Select(p => Column.Of(p, table))
                .ToList();
            var list = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)));
            var head = $"INSERT INTO {sql.DelimitIdentifier(tableName, schema)} ({list}) VALUES ";
            var copy = $"COPY {sql.DelimitIdentifier(tableName, schema)} ({list}) FROM STDIN (FORMAT BINARY)";
            return new Shape(head, copy, columns, columns.Count < entityType.GetProperties().Count(), sql);
        }
    }

    /// <summary>
    /// One column written: its property, name, EF mapping and getter, and its store type without its length or
    /// precision (<c>character varying</c> for <c>character varying(40)</c>), which PostgreSQL's binary copy is told each
    /// value is.
    /// </summary>
    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, string DataTypeName)
    {
        public static Column Of(IProperty property, StoreObjectIdentifier table)
        {
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            return new Column(property, property.GetColumnName(table)!, mapping, property.GetGetter(), Facets().Replace(mapping.StoreType, "").Trim());
        }

        /// <summary>The row's value as the database stores it: through the mapping's converter, as EF's parameters are.</summary>
        public object ProviderValue(object row)
        {
            var value = Getter.GetClrValue(row);
            if (value is null)
            {
                return DBNull.Value;
            }

            if (Mapping.Converter is { } converter)
            {
                return converter.ConvertToProvider(value) ?? DBNull.Value;
            }

            return value is Enum ? Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), System.Globalization.CultureInfo.InvariantCulture) : value;
        }
    }
}
