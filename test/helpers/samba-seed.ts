/**
 * The Python script that seeds a freshly provisioned (not yet running) Samba AD DC through
 * Samba's own bindings: one service account, and one user per account state a simple bind can
 * run into. It must run under Debian's /usr/bin/python3, the one with the `samba` module.
 * Passwords arrive in environment variables, never on the command line.
 */
export const sambaSeedScript = String.raw`
import base64, os, sys
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB

lp = LoadParm()
lp.load(sys.argv[1])
samdb = SamDB(url=lp.private_path("sam.ldb"), session_info=system_session(), lp=lp)
base = samdb.domain_dn()
user_pw = os.environ["SEED_USER_PW"]

if len(sys.argv) > 2 and sys.argv[2] == "backdate":
    # Run under faketime -3d: gina's password is then 3 days old, past her PSO's 2-day maximum.
    samdb.setpassword("(sAMAccountName=gina)", user_pw, force_change_at_next_login=False)
    sys.exit(0)

samdb.setpassword("(sAMAccountName=Administrator)", os.environ["SEED_ADMIN_PW"],
                  force_change_at_next_login=False)
samdb.newuser("svc-mse", os.environ["SEED_SVC_PW"], useusernameascn=True,
              description="mse-bind service account")
for user in os.environ["SEED_USERS"].split(","):
    samdb.newuser(user, user_pw, useusernameascn=True, givenname=user.capitalize(),
                  surname="Test", mailaddress=user + "@corp.example")

def replace(user, attribute, value):
    samdb.modify_ldif("dn: CN=%s,CN=Users,%s\nchangetype: modify\nreplace: %s\n%s\n"
                      % (user, base, attribute, value))

replace("carol", "pwdLastSet", "pwdLastSet: 0")                     # data 773
samdb.disable_account("(sAMAccountName=dave)")                      # data 533
replace("erin", "accountExpires", "accountExpires: 130000000000000000")  # 2012: data 701
no_hours = base64.b64encode(bytes(21)).decode()
replace("hank", "logonHours", "logonHours:: " + no_hours)           # never: data 530
replace("ivan", "userWorkstations", "userWorkstations: OTHERPC")    # data 531

# Password settings objects apply to one user each, so that only frank can be locked out and
# only gina's password expires. Samba treats a maximum age under one day as "never", and keeps
# no badPwdCount without a lockout threshold: bob's high one makes his bad tries countable.
def ticks(seconds):
    return str(-int(seconds * 10**7))

container = "CN=Password Settings Container,CN=System," + base
for name, precedence, max_age, threshold, user in [
        ("pso-lockout3", 1, 0, 3, "frank"), ("pso-maxage2d", 2, 2 * 86400, 0, "gina"),
        ("pso-count-bad", 3, 0, 1000, "bob")]:
    samdb.add_ldif("""
dn: CN=%s,%s
objectClass: msDS-PasswordSettings
msDS-PasswordSettingsPrecedence: %d
msDS-PasswordReversibleEncryptionEnabled: FALSE
msDS-PasswordHistoryLength: 0
msDS-PasswordComplexityEnabled: FALSE
msDS-MinimumPasswordLength: 0
msDS-MinimumPasswordAge: 0
msDS-MaximumPasswordAge: %s
msDS-LockoutThreshold: %d
msDS-LockoutObservationWindow: %s
msDS-LockoutDuration: %s
msDS-PSOAppliesTo: CN=%s,CN=Users,%s
""" % (name, container, precedence, ticks(max_age) if max_age else "-9223372036854775808",
       threshold, ticks(1800), ticks(1800), user, base))
print("seeded", base)
`;
