package uk.nhs.stpgov.events;

/** The kind of organisation a member is. */
public enum Sector {
    NHS_TRUST, FOUNDATION_TRUST, CCG, ICB, LOCAL_AUTHORITY, NHS_ENGLAND, GP_FEDERATION, PRIMARY_CARE_NETWORK,
    AMBULANCE_TRUST, VOLUNTARY_SECTOR, HEALTHWATCH, REGULATOR, OTHER;

    /** Trusts, CCGs, ICBs, local authorities and NHS England are statutory bodies unless a request says otherwise. */
    public boolean statutoryByDefault() {
        return switch (this) {
            case NHS_TRUST, FOUNDATION_TRUST, AMBULANCE_TRUST, CCG, ICB, LOCAL_AUTHORITY, NHS_ENGLAND -> true;
            default -> false;
        };
    }
}
