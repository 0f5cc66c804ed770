/* Every function that refers to another unit's init symbol is reported,
   not only the first of each kind (cross-callee.c defines them). */
int platform_setup(int level);
extern int boot_level;

int runtime_reset(void)
{
    return platform_setup(2);
}

int runtime_resume(void)
{
    return platform_setup(boot_level);
}

int runtime_level(void)
{
    return boot_level;
}
