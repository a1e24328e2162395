namespace Portal.Web.Hosting;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
