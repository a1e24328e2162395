namespace Portal.Web.Hosting;

public enum AuthMode
{
    Local,
    Oidc,
}
