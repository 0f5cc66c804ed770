/* Cross-unit mismatch: the prototype this unit sees lacks __init. */
int platform_setup(int level);
extern int boot_level;

int runtime_reset(void)
{
    return platform_setup(2) + boot_level;
}
