/* Compiled without the plugin: a params of its own, in .init.data,
   which is no unit's (report.exp).  */
__attribute__((section(".init.data"))) int params[128] = { 1 };
